import { expect, test } from "@playwright/test";
import { createStory, editor, expectSaved, personAt } from "./fixtures";

test("the editor tells the truth when the connection drops, and catches up when it returns", async ({
  browser,
}) => {
  const grace = await personAt(browser, "editor");
  const mina = await personAt(browser, "reporter");
  const storyId = await createStory(grace.context, "Connection test");
  await grace.page.goto(`/newsroom/stories/${storyId}`);
  await mina.page.goto(`/newsroom/stories/${storyId}`);
  const g = editor(grace.page);
  await g.body.click();
  await grace.page.keyboard.type("Typed while online.");
  await expectSaved(grace.page);

  await grace.context.setOffline(true);
  await expect(g.status).toContainText("Offline");
  await grace.page.keyboard.type(" Typed while offline.");
  await expect(g.status).toContainText("changes kept on this device");
  await expect(editor(mina.page).body).not.toContainText(
    "Typed while offline.",
  );

  await grace.context.setOffline(false);
  await expectSaved(grace.page);
  await expect(editor(mina.page).body).toContainText(
    "Typed while online. Typed while offline.",
  );
  await grace.context.close();
  await mina.context.close();
});
