import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "./journey";
import { personAt, resizeTo, writeStory } from "./fixtures";

/** Every rule axe has for WCAG 2.1 A and AA, and its best practices, whatever their impact. */
async function expectNoViolations(
  page: Page,
  where: string,
  /** Only this part of the page (the rest was checked already): the editor is slow to scan. */
  within?: string,
): Promise<void> {
  const builder = new AxeBuilder({ page }).withTags([
    "wcag2a",
    "wcag2aa",
    "wcag21a",
    "wcag21aa",
    "best-practice",
  ]);
  const results = await (within ? builder.include(within) : builder).analyze();
  expect(
    results.violations.map(
      (v) => `${where}: ${v.id} at ${v.nodes.map((n) => n.target).join(" ")}`,
    ),
  ).toEqual([]);
}

test("the newsroom's pages pass axe's WCAG 2.1 AA checks and best practices, at desktop and phone widths", async ({
  browser,
}) => {
  test.slow();
  const mina = await personAt(browser, "reporter");
  const id = await writeStory(
    mina,
    "Harbour cranes idle as dockers strike",
    "Dockers walked out at dawn.",
  );
  const daniel = await personAt(browser, "reporter2");
  const alex = await personAt(browser, "admin");
  // Desktop: every kind of page. A phone: the same colours, but its own layout and menus.
  for (const [viewport, tabs, others] of [
    [{ width: 1280, height: 900 }, ["Details", "Comments", "History"], true],
    [{ width: 390, height: 844 }, ["Details"], false],
  ] as const) {
    const width = viewport.width;
    await resizeTo(mina.page, viewport);
    await mina.page.goto(`/newsroom/stories/${id}`);
    await expect(mina.page.getByText("All changes saved")).toBeVisible();
    for (const [i, tab] of tabs.entries()) {
      await mina.page.getByRole("tab", { name: tab }).click();
      await expect(
        mina.page.getByRole("tabpanel", { name: tab }),
      ).toBeVisible();
      await expectNoViolations(
        mina.page,
        `${width} editor, ${tab}`,
        i === 0 ? undefined : `#panel-${tab.toLowerCase()}`,
      );
    }
    await mina.page.goto("/newsroom");
    await expectNoViolations(mina.page, `${width} story list`);
    if (!others) continue;

    // Someone who can only read: the greyed fields keep their contrast.
    await daniel.page.goto(`/newsroom/stories/${id}`);
    await expect(daniel.page.getByText("Connected · read-only")).toBeVisible();
    await expectNoViolations(daniel.page, `${width} read-only editor`);

    await alex.page.goto("/newsroom/people");
    await expectNoViolations(alex.page, `${width} people`);
  }
  for (const who of [mina, daniel, alex]) await who.context.close();
});
