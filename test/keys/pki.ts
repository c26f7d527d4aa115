/**
 * A throwaway PKI made with `openssl` at test time (DESIGN.md: tests make their own CA and
 * organisation certificates). Nothing is checked in; everything lives in a temp dir.
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const EXTENSIONS = `
[req]
distinguished_name=dn
[dn]
[ca]
basicConstraints=critical,CA:TRUE
keyUsage=critical,keyCertSign,cRLSign
subjectKeyIdentifier=hash
[inter]
basicConstraints=critical,CA:TRUE,pathlen:0
keyUsage=critical,keyCertSign,cRLSign
[leaf]
basicConstraints=critical,CA:FALSE
keyUsage=critical,digitalSignature,nonRepudiation
[notca]
basicConstraints=critical,CA:FALSE
keyUsage=critical,digitalSignature,keyCertSign
[certsign]
basicConstraints=critical,CA:FALSE
keyUsage=critical,keyCertSign
[critical]
basicConstraints=critical,CA:FALSE
1.2.3.4.5=critical,ASN1:UTF8String:unknown
`;

export interface Pki {
  dir: string;
  /** PEM of a CA */
  pem(name: string): string;
  /** x5c (base64 DER, leaf first) of a certificate and the certificates above it, optionally with the root. */
  x5c(name: string, withRoot?: boolean): string[];
  /** A PKCS#12 file of a leaf, its key and its chain. */
  p12(name: string, password: string, opts?: { legacy?: boolean; noChain?: boolean; noKey?: boolean; out?: string }): Uint8Array;
  cleanup(): void;
}

export function makePki(): Pki {
  const dir = mkdtempSync(join(tmpdir(), "kollen-pki-"));
  const ssl = (...args: string[]) => execFileSync("openssl", args, { cwd: dir, stdio: ["ignore", "pipe", "pipe"] });
  writeFileSync(join(dir, "ext.cnf"), EXTENSIONS);
  const issuerOf = new Map<string, string>();
  let serial = 1000;

  const key = (name: string, type: "rsa" | "ec" | "ec384" | "rsa-pss" | "ed25519") => {
    const args =
      type === "rsa" ? ["-algorithm", "RSA", "-pkeyopt", "rsa_keygen_bits:2048"]
      : type === "rsa-pss" ? ["-algorithm", "RSA-PSS", "-pkeyopt", "rsa_keygen_bits:2048"]
      : type === "ec" ? ["-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-256"]
      : type === "ec384" ? ["-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-384"]
      : ["-algorithm", "ED25519"];
    ssl("genpkey", ...args, "-out", `${name}.key`);
  };
  const root = (name: string, keyName: string, subject: string) => {
    ssl("req", "-x509", "-new", "-key", `${keyName}.key`, "-out", `${name}.pem`, "-days", "3650", "-subj", subject, "-config", "ext.cnf", "-extensions", "ca", "-sha256");
  };
  const cert = (name: string, keyName: string, subject: string, issuer: string, ext: string, extra: string[] = []) => {
    ssl("req", "-new", "-key", `${keyName}.key`, "-out", `${name}.csr`, "-subj", subject, "-config", "ext.cnf");
    ssl("x509", "-req", "-in", `${name}.csr`, "-CA", `${issuer}.pem`, "-CAkey", `${issuerKey.get(issuer)}.key`, "-set_serial", String(serial++), "-days", ext === "leaf" ? "30" : "365", "-sha256", "-extfile", "ext.cnf", "-extensions", ext, "-out", `${name}.pem`, ...extra);
    issuerOf.set(name, issuer);
    issuerKey.set(name, keyName);
  };
  const issuerKey = new Map<string, string>();

  key("root", "rsa");
  root("root", "root", "/C=SE/O=Kollen Test CA/CN=Kollen Test Root");
  issuerKey.set("root", "root");
  key("rootec", "ec");
  root("rootec", "rootec", "/C=SE/O=Kollen Test CA/CN=Kollen Test EC Root");
  issuerKey.set("rootec", "rootec");
  key("other", "ec");
  root("other", "other", "/C=SE/O=Someone Else/CN=Kollen Test Root");
  issuerKey.set("other", "other");

  key("inter", "ec");
  cert("inter", "inter", "/C=SE/O=Kollen Test CA/CN=Kollen Test Issuing CA", "root", "inter");
  key("orgrsa", "rsa");
  key("orgec", "ec");
  key("orgpss", "rsa-pss");
  key("orged", "ed25519");
  key("orgec384", "ec384");
  const org = "/C=SE/O=Exempelkommun/organizationIdentifier=NTRSE-2120009994/CN=Exempel Exempelsson";
  cert("rsa", "orgrsa", org, "inter", "leaf");
  cert("ec", "orgec", "/C=SE/O=Stockholms kommun/serialNumber=16212000-0142/CN=Signer EC", "rootec", "leaf");
  cert("pss", "orgpss", "/C=SE/O=Region/organizationIdentifier=NTRSE-2321000016/CN=Signer PSS", "root", "leaf", ["-sigopt", "rsa_padding_mode:pss", "-sigopt", "rsa_pss_saltlen:32"]);
  cert("ed", "orged", "/C=SE/O=Myndighet/organizationIdentifier=NTRSE-2021005489/CN=Signer Ed25519", "root", "leaf");
  cert("ec384", "orgec384", "/C=SE/O=Myndighet/organizationIdentifier=NTRSE-2021005489/CN=Signer P-384", "root", "leaf");
  cert("noorg", "orgrsa", "/C=SE/O=Exempelkommun/CN=No Number", "root", "leaf");
  cert("badluhn", "orgrsa", "/C=SE/organizationIdentifier=NTRSE-2120009995/CN=Bad Luhn", "root", "leaf");
  cert("fallback", "orgrsa", "/C=SE/organizationIdentifier=VATSE-SE212000999401/serialNumber=2021005489/CN=Fallback", "root", "leaf");
  cert("certsign", "orgrsa", org, "root", "certsign");
  cert("critical", "orgrsa", org, "root", "critical");
  cert("notca", "orgec", "/C=SE/CN=Not A CA", "root", "notca");
  cert("undernotca", "orgrsa", org, "notca", "leaf");
  cert("inter2", "orgec384", "/C=SE/CN=Too Deep CA", "inter", "ca");
  cert("toodeep", "orgrsa", org, "inter2", "leaf");

  const der = (name: string) => {
    const pem = readFileSync(join(dir, `${name}.pem`), "utf8");
    return pem.replace(/-----[^-]+-----/g, "").replace(/\s+/g, "");
  };
  return {
    dir,
    pem: (name) => readFileSync(join(dir, `${name}.pem`), "utf8"),
    x5c(name, withRoot = false) {
      const out: string[] = [];
      for (let n: string | undefined = name; n; n = issuerOf.get(n)) {
        if (!issuerOf.has(n) && !withRoot) break;
        out.push(der(n));
      }
      return out;
    },
    p12(name, password, opts = {}) {
      const chain: string[] = [];
      for (let n = issuerOf.get(name); n; n = issuerOf.get(n)) chain.push(readFileSync(join(dir, `${n}.pem`), "utf8"));
      writeFileSync(join(dir, `${name}.chain.pem`), chain.join(""));
      const out = opts.out ?? `${name}.p12`;
      const args = ["pkcs12", "-export", "-in", `${name}.pem`, "-passout", `pass:${password}`, "-out", out];
      if (opts.noKey) args.push("-nokeys");
      else args.push("-inkey", `${issuerKey.get(name)}.key`);
      if (!opts.noChain) args.push("-certfile", `${name}.chain.pem`);
      if (opts.legacy) args.push("-keypbe", "PBE-SHA1-3DES", "-certpbe", "PBE-SHA1-3DES", "-macalg", "sha1");
      ssl(...args);
      return new Uint8Array(readFileSync(join(dir, out)));
    },
    cleanup: () => rmSync(dir, { recursive: true, force: true }),
  };
}
