/** `kollen pack`: build a signed, encrypted kollen-package/1 from result.json on this machine. */
import { basename } from "node:path";
import { writeFile } from "node:fs/promises";
import type { JWK } from "jose";
import { KollenError } from "../../schemas/errors.ts";
import { Orgnr } from "../../schemas/orgnr.ts";
import { loadResult, validateResultAgainstModel } from "../../schemas/result.ts";
import { CampaignId } from "../../schemas/ids.ts";
import { parseSignerJwk } from "../../keys/signer.ts";
import { useNodeCrypto } from "./node-crypto.node.ts";
import { buildPackage, type Signer } from "../package/build.ts";
import { loadKeyringFile } from "./keyring.node.ts";
import { currentRecipients } from "../../keys/keyring.ts";
import { readInput, resolveModel } from "./files.node.ts";
import { EXIT_OK, UsageError, parseCommandArgs, type Command } from "./io.node.ts";

const USAGE =
  "kollen pack --org N --campaign ID --result FILE [--attach FILE]... [--covers N,N,...] --signer KEY [--signer KEY]... [--ca CA.pem]... (--recipient age1... ... | --keyring FILE) [--model FILE] -o OUT\n" +
  "  KEY is a private Ed25519 JWK (kollen keygen signer) or a PKCS#12 file (.p12/.pfx) of an organisation certificate;\n" +
  "  a PKCS#12 password is read from the environment variable KOLLEN_PKCS12_PASSWORD, its chain checked against --ca.";

function parseOrg(value: string, what: string): string {
  const r = Orgnr.safeParse(value);
  if (!r.success) {
    const code = (r.error.issues[0] as { params?: { code?: string } }).params?.code === "ORGNR_CHECKSUM" ? "ORGNR_CHECKSUM" : "ORGNR_INVALID";
    throw new KollenError(code, `${what} ${JSON.stringify(value)} is not a valid organisationsnummer`);
  }
  return r.data;
}

/** A signer from a file: a private Ed25519 JWK, or a PKCS#12 organisation certificate. */
async function loadSigner(path: string, organisation: string, caPems: string[]): Promise<Signer> {
  const bytes = await readInput(path);
  if (/\.(p12|pfx)$/i.test(path) || bytes[0] === 0x30) {
    const password = process.env.KOLLEN_PKCS12_PASSWORD;
    if (password === undefined) throw new UsageError(`--signer ${path} is a PKCS#12 file: set KOLLEN_PKCS12_PASSWORD`, USAGE);
    if (!caPems.length) throw new UsageError(`--signer ${path} is a PKCS#12 file: give its CA certificate with --ca`, USAGE);
    const { importPkcs12 } = await import("../../keys/pkcs12.ts");
    const p12 = await importPkcs12(bytes, password, { caPems });
    if (p12.orgnr !== organisation) throw new KollenError("SIGNER_WRONG_ORGANISATION", `--signer ${path}: the certificate names another organisation than --org`);
    return { kind: "x509", privateKey: p12.privateKey, alg: p12.alg, x5c: p12.x5c };
  }
  const jwk = parseSignerJwk(new TextDecoder().decode(bytes)) as JWK & { kollen_org?: string };
  if (typeof jwk.d !== "string") throw new KollenError("KEY_INVALID", `--signer ${path}: a private key is needed to sign (not the .pub file)`);
  if (jwk.kollen_org && jwk.kollen_org !== organisation)
    throw new KollenError("SIGNER_WRONG_ORGANISATION", `--signer ${path} was made for another organisation than --org`);
  return { kind: "jwk", privateJwk: jwk };
}

export const pack: Command = async (argv) => {
  const { values } = parseCommandArgs(
    argv,
    {
      org: { type: "string" },
      campaign: { type: "string" },
      result: { type: "string" },
      attach: { type: "string", multiple: true },
      covers: { type: "string" },
      signer: { type: "string", multiple: true },
      ca: { type: "string", multiple: true },
      recipient: { type: "string", multiple: true },
      keyring: { type: "string" },
      model: { type: "string" },
      output: { type: "string", short: "o" },
      help: { type: "boolean", short: "h" },
    },
    USAGE,
    false,
  );
  if (values.help) {
    process.stdout.write(`usage: ${USAGE}\n`);
    return EXIT_OK;
  }
  if (!values.org || !values.campaign || !values.result || !values.signer?.length || !values.output)
    throw new UsageError("--org, --campaign, --result, --signer and -o are required", USAGE);
  if (!values.recipient?.length && !values.keyring) throw new UsageError("give the authority's keys with --recipient age1… or --keyring FILE", USAGE);
  useNodeCrypto();

  const organisation = parseOrg(values.org, "--org");
  const covers = values.covers ? values.covers.split(",").filter(Boolean).map((n) => parseOrg(n.trim(), "--covers")) : [];
  if (!CampaignId.safeParse(values.campaign).success) throw new KollenError("BAD_INPUT", "--campaign: use a-z 0-9 . _ - (max 64)");

  const resultBytes = await readInput(values.result);
  const result = loadResult(resultBytes);
  if (result.organisation !== organisation) throw new KollenError("RESULT_MANIFEST_MISMATCH", "result.json names another organisation than --org");
  if (result.campaign !== undefined && result.campaign !== values.campaign)
    throw new KollenError("RESULT_MANIFEST_MISMATCH", `result.json names the campaign ${result.campaign}, not --campaign ${values.campaign}`);
  const model = await resolveModel(result.model.id, values.model);
  validateResultAgainstModel(result, model);

  const caPems: string[] = [];
  for (const path of values.ca ?? []) caPems.push(new TextDecoder().decode(await readInput(path)));
  const signers: Signer[] = [];
  for (const path of values.signer) signers.push(await loadSigner(path, organisation, caPems));

  const recipients = [...(values.recipient ?? [])];
  if (values.keyring) recipients.push(...currentRecipients(await loadKeyringFile(values.keyring)).map((r) => r.recipient));

  const attachments = [];
  for (const path of values.attach ?? []) attachments.push({ name: basename(path), bytes: await readInput(path) });

  const pkg = await buildPackage({
    result: resultBytes,
    attachments,
    organisation,
    campaign: values.campaign,
    surveyModel: { id: model.model.id, sha256: model.sha256 },
    covers,
    signers,
    recipients,
  });
  await writeFile(values.output, pkg, { flag: "wx" });
  process.stderr.write(`kollen: wrote ${values.output} (${pkg.length} bytes, ${signers.length} signature${signers.length > 1 ? "s" : ""}, sealed to ${recipients.length} key${recipients.length > 1 ? "s" : ""})\n`);
  return EXIT_OK;
};
