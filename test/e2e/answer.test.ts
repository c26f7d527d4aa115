/**
 * The questionnaire (/besvara) in Chromium against a real server: the campaign picked from the
 * server's list, the example Infosäkkollen answered in the page (one pass by keyboard), the level and
 * the next-level list changing as boxes are ticked (against values counted by hand from
 * schemas/models/infosakkollen-example.json: q1.1–q1.15 are section 1, each `.a` a level-1 measure of
 * 2 points; level 2 needs 30 of the 40 measures of levels 1–2), the draft kept over a reload, the
 * draft as result.json and back, the printable feedback, then signed, encrypted and sent with the
 * receipt page — and the canary typed into the page in no request body, on the wire, in a stored file
 * or in the log. Then the It-säkkollen example, and the page at 390 px.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import ExcelJS from "exceljs";
import type { FileChooser } from "playwright-core";
import { writeWorkbook } from "../../client-kit/workbook/write.ts";
import { parseResult } from "../../schemas/result.ts";
import { loadSurveyModel } from "../../schemas/survey-model.ts";
import { fill } from "../client-kit/workbook/fill.ts";
import { inviteOrganisations } from "../../server/invites/invite-organisations.ts";
import { addOrganisation } from "../../server/registry/add-organisation.ts";
import { CONTENT_SECURITY_POLICY } from "../../server/web/headers.ts";
import { launch, pickCampaign, type Browser } from "./browser.ts";
import { CANARY, SCREENSHOTS, canaryForms, writeFiles, type Files } from "./fixtures.ts";
import { CAMPAIGN, ITSAK_CAMPAIGN, ORG, startKollen, type KollenServer } from "./server.ts";

const SECTION1 = Array.from({ length: 15 }, (_, i) => `q1.${i + 1}`);

let server: KollenServer;
let browser: Browser;
let files: Files;

beforeAll(async () => {
  server = await startKollen({ itsak: true });
  files = writeFiles(server);
  browser = await launch();
  browser.page.on("dialog", (d) => void d.accept());
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

const box = (id: string) => `[id="${id}"]`;

/** Chooses the key file, checks the preview names `previewHas`, sends, and waits for the receipt. */
async function signAndSend(keyFile: string, previewHas: string): Promise<void> {
  const { page } = browser;
  await page.setInputFiles("#signer-files", keyFile);
  await page.click("#preview-button");
  await page.waitForSelector("#preview:not([hidden])");
  expect(await page.textContent("#preview-facts")).toContain(previewHas);
  await page.click("#send-button");
  await page.waitForSelector("#receipt:not([hidden])");
}

/** The draft of `campaign` and ORG as the page's IndexedDB holds it: what a reload restores. */
async function storedDraft(campaign: string): Promise<{ answers: Array<{ question?: string; measures?: string[] }> } | undefined> {
  return browser.page.evaluate(
    (key) =>
      new Promise((resolve, reject) => {
        const opened = indexedDB.open("kollen-drafts");
        opened.onerror = () => reject(opened.error);
        opened.onsuccess = () => {
          const got = opened.result.transaction("drafts", "readonly").objectStore("drafts").get(key);
          got.onerror = () => reject(got.error);
          got.onsuccess = () => {
            opened.result.close();
            resolve(got.result);
          };
        };
      }),
    `draft:${campaign}:${ORG}`,
  );
}

/** None of `forms` in a request body the browser sent, on the wire, in a stored file or in a log line. */
function expectNowhere(forms: string[]): void {
  for (const r of browser.requests) if (r.body) for (const f of forms) expect(r.body.includes(f), `${r.method} ${r.url}`).toBe(false);
  const wire = server.wire();
  for (const f of forms) expect(wire.includes(f)).toBe(false);
  for (const st of server.storedFiles()) for (const f of forms) expect(st.bytes.includes(f), st.path).toBe(false);
  for (const line of server.logs) for (const f of forms) expect(line.includes(f)).toBe(false);
}

async function open(campaign: string) {
  const { page } = browser;
  const res = await page.goto(`${server.url}/besvara`);
  expect(res?.headers()["content-security-policy"]).toBe(CONTENT_SECURITY_POLICY);
  await pickCampaign(page, campaign);
  await page.fill("#organisation", ORG);
  await page.click("#start-button");
  await page.waitForSelector("#answer-layout:not([hidden])");
}

describe("the questionnaire", () => {
  it("lists the open campaigns from the server, never a typed field", async () => {
    const { page } = browser;
    await page.goto(`${server.url}/besvara`);
    await page.waitForSelector(`#campaign option[value="${CAMPAIGN}"]`, { state: "attached" });
    const options = await page.$$eval("#campaign option", (os) => os.map((o) => (o as HTMLOptionElement).value).filter(Boolean));
    expect(options.sort()).toEqual([CAMPAIGN, ITSAK_CAMPAIGN].sort());
    expect(await page.textContent("h1")).toBe("Besvara enkäten");
    expect(await page.textContent("footer")).toContain("bara MCF:s granskare"); // the Swedish genitive of an abbreviation
    const unlabelled = await page.$$eval("main input, main textarea, main select", (els) => els.filter((e) => !(e as HTMLInputElement).labels?.length).map((e) => e.id));
    expect(unlabelled).toEqual([]);
  });

  it("answers Infosäkkollen in the page: progress, level and next level change with the boxes; the draft survives a reload", async () => {
    const { page } = browser;
    await open(CAMPAIGN);
    expect(await page.textContent("#progress-ledning")).toBe("0 av 3 frågor besvarade");
    expect(await page.textContent("#fb-level")).toBe("Nivå 0");
    expect(await page.textContent("#fb-rule")).toBe("Nivå 1 är inte uppnådd.");
    expect(await page.textContent("#fb-next")).toContain("Vidta minst en åtgärd på var och en av dessa 15 frågor");

    // by keyboard: focus the first measure, Space ticks it
    await page.focus(box("m-q1.1.a"));
    await page.keyboard.press("Space");
    expect(await page.isChecked(box("m-q1.1.a"))).toBe(true);
    expect(await page.textContent("#progress-ledning")).toBe("1 av 3 frågor besvarade");
    expect(await page.textContent("#fb-facts")).toContain("0,07"); // 1 of 15 section-1 questions
    expect(await page.textContent("#fb-next")).toContain("dessa 14 frågor");

    for (const q of SECTION1.slice(1)) await page.check(box(`m-${q}.a`));
    expect(await page.textContent("#fb-level")).toBe("Nivå 1");
    expect(await page.textContent("#fb-rule")).toBe("Grundläggande: Minst en åtgärd på var och en av de 15 frågorna i avsnitt 1.");
    expect(await page.textContent("#fb-facts")).toContain("1,50"); // 1 + 15/30 of the way to level 2
    expect(await page.textContent("#fb-facts")).toContain("30 av");
    expect(await page.textContent("#fb-next")).toContain("Till nivå 2 (Etablerad)");
    expect(await page.textContent("#fb-next")).toContain("Vidta 15 åtgärder till");
    await page.screenshot({ path: join(SCREENSHOTS, "answer-level1.png"), fullPage: true });

    // "none of the measures" answers a question without taking a measure, and clears its boxes
    await page.check(box("none-q1.1"));
    expect(await page.isChecked(box("m-q1.1.a"))).toBe(false);
    expect(await page.textContent("#fb-level")).toBe("Nivå 0");
    await page.check(box("m-q1.1.a"));
    expect(await page.isChecked(box("none-q1.1"))).toBe(false);
    await expect.poll(() => page.textContent("#status")).toContain("Utkastet är sparat");
    // the status said so after the earlier save too: wait for this last change to be stored
    const storedMeasures = async (q: string) => (await storedDraft(CAMPAIGN))?.answers.find((a) => a.question === q)?.measures;
    await expect.poll(() => storedMeasures("q1.1")).toEqual(["q1.1.a"]);
    // leaving while a change is still being saved asks first; once it is saved, leaving does not ask
    const leaveAsks = (clickFirst?: string) =>
      page.evaluate((id) => {
        if (id) document.getElementById(id)!.click();
        const e = new Event("beforeunload", { cancelable: true });
        window.dispatchEvent(e);
        return e.defaultPrevented;
      }, clickFirst);
    expect(await leaveAsks("m-q1.2.b")).toBe(true);
    await expect.poll(() => storedMeasures("q1.2")).toEqual(["q1.2.a", "q1.2.b"]);
    expect(await leaveAsks()).toBe(false);
    expect(await leaveAsks("m-q1.2.b")).toBe(true); // and back
    await expect.poll(() => storedMeasures("q1.2")).toEqual(["q1.2.a"]);

    await page.reload();
    await page.waitForSelector(`#campaign option[value="${CAMPAIGN}"]`, { state: "attached" });
    expect(await page.inputValue("#campaign")).toBe(CAMPAIGN); // ?campaign= kept the choice
    await page.fill("#organisation", ORG);
    await page.click("#start-button");
    await page.waitForSelector("#answer-layout:not([hidden])");
    expect(await page.textContent("#status")).toContain("Ett sparat utkast är öppnat");
    expect(await page.isChecked(box("m-q1.15.a"))).toBe(true);
    expect(await page.textContent("#fb-level")).toBe("Nivå 1");
  });

  it("saves result.json, refuses another organisation's file, prints the feedback, then signs, encrypts and sends with a printable receipt", async () => {
    const { page } = browser;
    // the rest of the questions answered with no measure, and the facts about the submission
    const open = await page.$$eval("#areas fieldset.question.open", (fs) => fs.map((f) => f.id.slice(2)));
    expect(open).toHaveLength(15);
    for (const q of open) await page.check(box(`none-${q}`));
    await page.fill("#prepared-name", "Kim Andersson");
    await page.fill("#prepared-role", "Informationssäkerhetssamordnare");
    await page.fill("#comments", `Intern kommentar ${CANARY}`);
    await expect.poll(() => page.textContent("#status")).toContain("Utkastet är sparat");

    const [download] = await Promise.all([page.waitForEvent("download"), page.click("#save-file")]);
    const saved = JSON.parse(readFileSync(await download.path(), "utf8")) as { organisation: string; campaign: string; answers: Array<{ question: string; measures: string[] }>; comments: string };
    expect(saved).toMatchObject({ organisation: ORG, campaign: CAMPAIGN, comments: `Intern kommentar ${CANARY}` });
    expect(saved.answers).toHaveLength(30);
    expect(saved.answers.filter((a) => a.measures.length).map((a) => a.question)).toEqual(SECTION1);

    // a result file of another organisation is refused, naming that organisation; nothing changes
    const other = join(files.dir, "other.json");
    writeFileSync(other, JSON.stringify({ ...saved, organisation: "5560160680" }));
    await page.setInputFiles("#open-file", other);
    await page.waitForSelector("#error:not([hidden])");
    expect(await page.textContent("#error")).toContain("Filen gäller organisationen 556016-0680, inte 212000-9994.");
    expect(await page.isChecked(box("m-q1.15.a"))).toBe(true);
    // its own file opens again
    const own = join(files.dir, "own.json");
    writeFileSync(own, JSON.stringify(saved));
    await page.setInputFiles("#open-file", own);
    await expect.poll(() => page.textContent("#status")).toContain("Filen är öppnad: 30 svar");

    // the printable feedback: only the feedback is printed
    await page.evaluate(() => (document.body.dataset.print = "feedback"));
    await page.emulateMedia({ media: "print" });
    expect(await page.isVisible("#feedback")).toBe(true);
    expect(await page.isVisible("#questionnaire")).toBe(false);
    expect(await page.isVisible("#about")).toBe(false);
    await page.screenshot({ path: join(SCREENSHOTS, "answer-feedback-print.png"), fullPage: true });
    await page.emulateMedia({ media: "screen" });
    await page.evaluate(() => delete document.body.dataset.print);

    await signAndSend(files.signerKey, "212000-9994");
    expect(await page.textContent("#status")).toContain("Inlämningen är mottagen");
    const receipt = await page.textContent("#receipt");
    expect(receipt).toContain("212000-9994");
    expect(receipt).toContain(CAMPAIGN);
    expect(receipt).toContain("Se status för en inlämning");
    await page.evaluate(() => (document.body.dataset.print = "receipt"));
    await page.emulateMedia({ media: "print" });
    expect(await page.isVisible("#receipt-summary")).toBe(true);
    expect(await page.isVisible("#feedback")).toBe(false);
    await page.screenshot({ path: join(SCREENSHOTS, "answer-receipt-print.png"), fullPage: true });
    await page.emulateMedia({ media: "screen" });

    // the canary typed into the page: in no request body, not on the wire, in no stored file or log line
    expectNowhere(canaryForms());
    // the one request with a body is the upload of the encrypted package
    expect(browser.requests.filter((r) => r.body && r.body.length > 0).every((r) => new URL(r.url).pathname === "/api/v1/submissions")).toBe(true);
    expect(browser.requests.filter((r) => r.method === "POST").map((r) => new URL(r.url).pathname)).toEqual(["/api/v1/submissions"]);
    expect(browser.cspViolations).toEqual([]);
    expect(browser.pageErrors).toEqual([]);
  });

  it("answers It-säkkollen with the four labelled values; the means are the hand-computed ones", async () => {
    const { page } = browser;
    await open(ITSAK_CAMPAIGN);
    const model = JSON.parse(readFileSync("schemas/models/itsakkollen-example.json", "utf8")) as { statements: Array<{ id: string; area: string }> };
    const [a, b] = model.statements.filter((s) => s.area === model.statements[0]!.area);
    const other = model.statements.find((s) => s.area !== a!.area)!;
    expect(await page.textContent(`[id="q-${a!.id}"]`)).toContain("Stämmer inte alls");
    await page.check(box(`r-${a!.id}-1`));
    await page.check(box(`r-${b!.id}-4`));
    // by keyboard: Space picks the focused value
    await page.focus(box(`r-${other.id}-3`));
    await page.keyboard.press("Space");
    expect(await page.textContent("#fb-mean")).toBe("2,75"); // (2.5 + 3) / 2
    expect(await page.textContent(`#progress-${a!.area}`)).toMatch(/^2 av \d+ påståenden besvarade$/);
    await page.screenshot({ path: join(SCREENSHOTS, "answer-itsakkollen.png"), fullPage: true });

    // Rensa deletes the draft
    await page.click("#clear-draft");
    await expect.poll(() => page.textContent("#status")).toContain("Utkastet är raderat");
    expect(await page.textContent("#fb-mean")).toBe("inget besvarat");
  });

  it("sends the It-säkkollen example to a receipt: every statement rated, the mean hand-computed, signed, encrypted and sent", async () => {
    const { page } = browser;
    await open(ITSAK_CAMPAIGN);
    const model = JSON.parse(readFileSync("schemas/models/itsakkollen-example.json", "utf8")) as { statements: Array<{ id: string }> };
    for (const st of model.statements) await page.check(box(`r-${st.id}-3`));
    expect(await page.textContent("#fb-mean")).toBe("3,00"); // every area's mean is 3, so is their mean
    await page.fill("#prepared-name", "Kim Andersson");
    await page.fill("#prepared-role", "IT-säkerhetssamordnare");
    await page.fill("#comments", `It-säk ${CANARY}-itsak`);
    await signAndSend(files.signerKey, "itsakkollen-example");
    const receipt = await page.textContent("#receipt-summary");
    expect(receipt).toContain("212000-9994");
    expect(receipt).toContain(ITSAK_CAMPAIGN);
    await expect.poll(() => page.textContent("#receipt-check")).toContain("signerat av servern");
    await page.screenshot({ path: join(SCREENSHOTS, "answer-itsakkollen-receipt.png"), fullPage: true });
    expectNowhere([...canaryForms(), `${CANARY}-itsak`]);
  });

  it("one pass by keyboard only (Tab, Space, Enter; typing in the fields): answers Infosäkkollen, signs, encrypts and sends to a receipt", async () => {
    // a fresh browser: no draft of the earlier tests
    const kb = await launch();
    try {
      const { page } = kb;
      // file choosers are intercepted from the start: Playwright turns interception on asynchronously
      // when a listener is added, so a listener added beside the key press can miss the chooser it opens
      const choosers: FileChooser[] = [];
      page.on("filechooser", (chooser) => choosers.push(chooser));
      /** Tabs forward until `selector` has the focus; fails when it cannot be reached. */
      const tabTo = async (selector: string) => {
        for (let i = 0; i < 800; i++) {
          if (await page.evaluate((sel) => document.activeElement?.matches(sel) ?? false, selector)) return;
          await page.keyboard.press("Tab");
        }
        throw new Error(`${selector} is not reachable by Tab`);
      };
      await page.goto(`${server.url}/besvara?campaign=${CAMPAIGN}`);
      await page.waitForFunction((c) => document.querySelector<HTMLSelectElement>("#campaign")?.value === c, CAMPAIGN);
      await tabTo("#organisation");
      await page.keyboard.type("212000-9994");
      await tabTo("#start-button");
      await page.keyboard.press("Enter");
      await page.waitForSelector("#answer-layout:not([hidden])");

      // section 1: the first measure of each question; the rest: "none of the measures" — in the page's order
      const targets = await page.$$eval("#areas fieldset.question", (fs) => fs.map((f) => (/^q-q1\.\d+$/.test(f.id) ? `m-${f.id.slice(2)}.a` : `none-${f.id.slice(2)}`)));
      expect(targets).toHaveLength(30);
      for (const id of targets) {
        await tabTo(box(id));
        await page.keyboard.press("Space");
      }
      expect(await page.$$eval("#areas input:checked", (is) => is.length)).toBe(30);
      expect(await page.textContent("#fb-level")).toBe("Nivå 1");
      await tabTo("#prepared-name");
      await page.keyboard.type("Kim Andersson");
      await tabTo("#prepared-role");
      await page.keyboard.type("Informationssäkerhetssamordnare");

      // the key file: Space on the focused file field opens the chooser
      await tabTo("#signer-files");
      await page.keyboard.press("Space");
      await expect.poll(() => choosers.length).toBe(1);
      await choosers[0]!.setFiles(files.signerKey);
      await tabTo("#preview-button");
      await page.keyboard.press("Enter");
      await page.waitForSelector("#preview:not([hidden])");
      await tabTo("#send-button");
      await page.keyboard.press("Enter");
      await page.waitForSelector("#receipt:not([hidden])");
      expect(await page.textContent("#receipt-summary")).toContain("212000-9994");
      expect(await page.evaluate(() => document.activeElement?.id)).toBe("receipt"); // the receipt takes the focus
      await page.screenshot({ path: join(SCREENSHOTS, "answer-keyboard-receipt.png"), fullPage: true });
      expect(kb.requests.filter((r) => r.method === "POST").map((r) => new URL(r.url).pathname)).toEqual(["/api/v1/submissions"]);
      expect(kb.pageErrors).toEqual([]);
      expect(kb.cspViolations).toEqual([]);
    } finally {
      await kb.close();
    }
  });

  it("works at 390 px: nothing wider than the screen", async () => {
    const { page } = browser;
    await page.setViewportSize({ width: 390, height: 844 });
    await open(CAMPAIGN);
    const wide = await page.$$eval("body *", (els) => els.filter((e) => e.getBoundingClientRect().right > 391).map((e) => `${e.tagName}#${e.id}.${e.className} ${Math.round(e.getBoundingClientRect().right)}`));
    expect(wide).toEqual([]);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await page.screenshot({ path: join(SCREENSHOTS, "answer-390.png"), fullPage: false });
    await page.setViewportSize({ width: 1280, height: 900 });
  });

  it("one journey from an authority-made link: key in the page, answer, feedback, sign, encrypt, send, receipt — nothing prepared beforehand", async () => {
    const COMPANY = "5560160680";
    await addOrganisation(server.deps.db, { orgnr: COMPANY, name: "Exempelbolaget AB" }, new Date());
    const [made] = await inviteOrganisations(server.deps, { campaign: CAMPAIGN, select: { orgs: [COMPANY] } }, "test-admin");
    const link = `${server.url}${made!.url.slice(made!.url.indexOf("/invite/"))}`;
    const { page } = browser;
    await page.goto(link);
    await page.waitForSelector("#invite-steps:not([hidden])");
    await page.fill("#orgnr", "556016-0680");
    await page.fill("#org-name", "Exempelbolaget AB");
    await page.click("#key-create");
    await page.waitForSelector("#key-ready:not([hidden])");
    const [keyFile] = await Promise.all([page.waitForEvent("download"), page.click("#key-download")]);
    const key = join(files.dir, "exempelbolaget.private.jwk");
    await keyFile.saveAs(key);
    await page.click("#accept-button");
    await page.waitForSelector("#submit-step:not([hidden])");
    expect(await page.getAttribute("#answer-link", "href")).toBe(`/besvara?campaign=${CAMPAIGN}&org=${COMPANY}`);

    await page.click("#answer-link");
    await pickCampaign(page, CAMPAIGN);
    expect(await page.inputValue("#organisation")).toBe("556016-0680");
    await page.click("#start-button");
    await page.waitForSelector("#answer-layout:not([hidden])");
    for (const q of SECTION1) await page.check(box(`m-${q}.a`));
    for (const q of await page.$$eval("#areas fieldset.question.open", (fs) => fs.map((f) => f.id.slice(2)))) await page.check(box(`none-${q}`));
    expect(await page.textContent("#fb-level")).toBe("Nivå 1");
    await page.fill("#prepared-name", "Alex Berg");
    await page.fill("#prepared-role", "Säkerhetschef");
    await page.fill("#comments", `Brandväggen ${CANARY}-bolaget`);
    await signAndSend(key, "556016-0680");
    expect(await page.textContent("#receipt-summary")).toContain("556016-0680");
    await expect.poll(() => page.textContent("#receipt-check")).toContain("signerat av servern");
    await page.screenshot({ path: join(SCREENSHOTS, "answer-journey-receipt.png"), fullPage: true });

    expectNowhere([...canaryForms(), `${CANARY}-bolaget`]);
  });

  it("offers the workbook and reads a filled one in the page, strictly; exceljs only loads then", async () => {
    const { page } = browser;
    await open(CAMPAIGN);
    const before = browser.requests.filter((r) => /\/chunks\/(read|write)-/.test(r.url)).length;
    expect(before).toBe(0);
    const [blankFile] = await Promise.all([page.waitForEvent("download"), page.click("#download-workbook")]);
    const blank = new Uint8Array(readFileSync(await blankFile.path()));
    expect(Buffer.from(blank).subarray(0, 2).toString("latin1")).toBe("PK");
    const example = parseResult(JSON.parse(readFileSync("examples/result-infosakkollen.json", "utf8")));

    // filled (with the same library, as a person in Excel would) and opened: the same answers as the file
    const filled = join(files.dir, "ifylld.xlsx");
    writeFileSync(filled, await fill(blank, example));
    await page.setInputFiles("#open-file", filled);
    await expect.poll(() => page.textContent("#status")).toContain("Filen är öppnad: 30 svar");
    const [saved] = await Promise.all([page.waitForEvent("download"), page.click("#save-file")]);
    const again = JSON.parse(readFileSync(await saved.path(), "utf8")) as { answers: unknown };
    expect(again.answers).toEqual(example.answers);

    // refused, naming the cell: a formula, a value outside the drop-down; and another model's workbook, a file that is no xlsx, one over 10 MiB
    const bad = async (name: string, bytes: Uint8Array, says: string) => {
      const path = join(files.dir, name);
      writeFileSync(path, bytes);
      await page.setInputFiles("#open-file", path);
      await expect.poll(() => page.textContent("#error")).toContain(says);
      expect(await page.textContent("#error")).toContain("RESULT_INVALID");
    };
    await bad("formel.xlsx", await fill(blank, example, (wb: ExcelJS.Workbook) => (wb.getWorksheet("Svar")!.getCell("G2").value = { formula: 'IF(1=1,"Ja","Nej")', result: "Ja" } as ExcelJS.CellValue)), "Svar!G2: a formula is not allowed");
    await bad("kanske.xlsx", await fill(blank, example, (wb: ExcelJS.Workbook) => (wb.getWorksheet("Svar")!.getCell("G4").value = "Kanske")), "Svar!G4");
    const itsak = await loadSurveyModel(new Uint8Array(readFileSync("schemas/models/itsakkollen-example.json")));
    await bad("annan-modell.xlsx", await writeWorkbook(itsak), "kollen!B");
    await bad("inte.xlsx", new TextEncoder().encode("inte en arbetsbok"), "not an xlsx file");
    await bad("stor.xlsx", new Uint8Array(10 * 1024 * 1024 + 1), "larger than 10 MiB");
    expect(browser.cspViolations).toEqual([]);
    expect(browser.pageErrors).toEqual([]);
  });
});
