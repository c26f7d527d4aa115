/** Every page escapes what it did not write itself: the authority's name, the path, a campaign, a token, a CSRF value. */
import { describe, expect, it } from "vitest";
import type { PageContext } from "../../../server/web/layout.ts";
import { invitePage } from "../../../server/web/public/invite-page.ts";
import { loginPage } from "../../../server/web/public/login-page.ts";
import { answerPage } from "../../../server/web/public/answer-page.ts";
import { portalPage } from "../../../server/web/public/portal-page.ts";
import { adminPage } from "../../../server/web/staff/admin-page.ts";
import { reviewPage } from "../../../server/web/staff/review-page.ts";
import { supervisorPage } from "../../../server/web/staff/supervisor-page.ts";
import { pagesApp } from "./pages-app.ts";

const HOSTILE = `<script>alert("x")</script>'&`;
const ESCAPED = "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&#39;&amp;";

function onlyEscaped(html: string): void {
  expect(html).not.toContain("<script>");
  expect(html).not.toContain('alert("x")');
  expect(html.match(/<script\b[^>]*>/g)).toHaveLength(1); // the page's own module script
  expect(html).toContain(ESCAPED);
}

describe("page escaping", () => {
  const app = pagesApp({ config: { authorityName: HOSTILE }, assets: { get: async () => undefined } });
  for (const path of ["/", "/?lang=en", "/besvara", "/login", "/invite/not-a-token", "/admin", "/review", "/supervisor?lang=en"]) {
    it(`GET ${path} escapes the authority's name`, async () => {
      onlyEscaped(await (await app.request(path)).text());
    });
  }

  for (const lang of ["sv", "en"] as const) {
    const ctx: PageContext = { lang, path: `/x"><script>alert("x")</script>'&`, authorityName: HOSTILE, dev: false };
    const pages: Record<string, string> = {
      portal: portalPage(ctx, HOSTILE),
      answer: answerPage(ctx, HOSTILE),
      login: loginPage(ctx, HOSTILE, HOSTILE),
      invite: invitePage(ctx, HOSTILE),
      admin: adminPage(ctx),
      review: reviewPage(ctx),
      supervisor: supervisorPage(ctx, HOSTILE),
    };
    for (const [name, html] of Object.entries(pages)) {
      it(`${name} (${lang}) escapes the path, the campaign and every other value it is given`, () => {
        onlyEscaped(html);
        expect(html).toContain(`href="/x&quot;&gt;&lt;script&gt;`);
      });
    }
    it(`the campaign and the CSRF value stay inside their attribute (${lang})`, () => {
      expect(pages.portal).toContain(`data-campaign="${ESCAPED}"`);
      expect(pages.answer).toContain(`data-campaign="${ESCAPED}"`);
      expect(pages.supervisor).toContain(`data-campaign="${ESCAPED}"`);
      expect(pages.login).toContain(`name="csrf" value="${ESCAPED}"`);
      expect(pages.invite).toContain(`data-token=""`); // not a token: left out
    });
  }
});
