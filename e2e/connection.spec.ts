import { expect, test } from "./journey";
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

test("a silently dead connection is said Offline within seconds, and the editor catches up on a new one", async ({
  browser,
}) => {
  // Two people and a drop and a return: more steps than most journeys.
  test.slow();
  const grace = await personAt(browser, "editor");
  const storyId = await createStory(grace.context, "Dead connection test");
  // Between the page and the collaboration server: once the network "drops", every socket
  // open then stays silent for good, as a severed TCP connection does; no close, no error,
  // and the browser still believes it is online. Sockets opened after it returns work.
  let dropped = false;
  await grace.page.routeWebSocket(/\/stories\//, (page) => {
    const server = page.connectToServer();
    let dead = false;
    const through = () => {
      if (dropped) dead = true;
      return !dead;
    };
    page.onMessage((message) => {
      if (through()) server.send(message);
    });
    server.onMessage((message) => {
      if (through()) page.send(message);
    });
  });
  await grace.page.goto(`/newsroom/stories/${storyId}`);
  const g = editor(grace.page);
  await g.body.click();
  await grace.page.keyboard.type("Typed before the drop.");
  await expectSaved(grace.page);

  dropped = true;
  await grace.page.keyboard.type(" Typed into the silence.");
  await expect(g.status).toContainText("Offline");
  await expect(g.status).toContainText("changes kept on this device");

  dropped = false;
  await expectSaved(grace.page);
  const reader = await personAt(browser, "reporter");
  await reader.page.goto(`/newsroom/stories/${storyId}`);
  await expect(editor(reader.page).status).toContainText("Connected");
  await expect(editor(reader.page).body).toContainText(
    "Typed before the drop. Typed into the silence.",
  );
  await grace.context.close();
  await reader.context.close();
});
