/**
 * The key schedule of HPKE base mode (RFC 9180 §5.1) for one suite, as age's hybrid recipient
 * uses it (c2sp.org/age §The mlkem768x25519 recipient type): KEM 0x647a (MLKEM768-X25519, X-Wing),
 * KDF 0x0001 (HKDF-SHA256), AEAD 0x0003 (ChaCha20Poly1305).
 *
 *     suite_id = "HPKE" || I2OSP(kem_id, 2) || I2OSP(kdf_id, 2) || I2OSP(aead_id, 2)
 *     LabeledExtract(salt, label, ikm) = Extract(salt, "HPKE-v1" || suite_id || label || ikm)
 *     LabeledExpand(prk, label, info, L) = Expand(prk, I2OSP(L, 2) || "HPKE-v1" || suite_id || label || info, L)
 *     context = 0x00 || LabeledExtract("", "psk_id_hash", "") || LabeledExtract("", "info_hash", info)
 *     secret = LabeledExtract(shared_secret, "secret", "")
 *     key = LabeledExpand(secret, "key", context, 32)
 *     base_nonce = LabeledExpand(secret, "base_nonce", context, 12)
 *
 * age seals exactly one message per context, so the nonce of that message is base_nonce
 * (sequence number 0) and the AAD is empty. HKDF's two halves are separate steps here, which
 * crypto.subtle does not offer, so this uses @noble/hashes (it only ever touches the header).
 */
import { expand, extract } from "@noble/hashes/hkdf.js";
import { sha256 } from "@noble/hashes/sha2.js";
import { concatBytes as concat } from "@noble/hashes/utils.js";

const ascii = new TextEncoder();
const HPKE_V1 = ascii.encode("HPKE-v1");

function i2osp2(n: number): Uint8Array {
  return Uint8Array.of((n >>> 8) & 0xff, n & 0xff);
}

/** The AEAD key and nonce of one single-shot HPKE base-mode context. */
export interface HpkeSealKey {
  key: Uint8Array;
  nonce: Uint8Array;
}

/**
 * Returns the key schedule of HPKE base mode for `kemId` with HKDF-SHA256 and ChaCha20Poly1305.
 *
 * @example
 * const schedule = hpkeBaseSchedule(0x647a, "age-encryption.org/mlkem768x25519");
 * const { key, nonce } = schedule(sharedSecret);
 */
export function hpkeBaseSchedule(kemId: number, info: string): (sharedSecret: Uint8Array) => HpkeSealKey {
  const suiteId = concat(ascii.encode("HPKE"), i2osp2(kemId), i2osp2(0x0001), i2osp2(0x0003));
  const labeledExtract = (salt: Uint8Array, label: string, ikm: Uint8Array) =>
    extract(sha256, concat(HPKE_V1, suiteId, ascii.encode(label), ikm), salt);
  const labeledExpand = (prk: Uint8Array, label: string, ctx: Uint8Array, length: number) =>
    expand(sha256, prk, concat(i2osp2(length), HPKE_V1, suiteId, ascii.encode(label), ctx), length);
  const empty = new Uint8Array(0);
  const context = concat(Uint8Array.of(0x00), labeledExtract(empty, "psk_id_hash", empty), labeledExtract(empty, "info_hash", ascii.encode(info)));
  return (sharedSecret) => {
    const secret = labeledExtract(sharedSecret, "secret", empty);
    const out = { key: labeledExpand(secret, "key", context, 32), nonce: labeledExpand(secret, "base_nonce", context, 12) };
    secret.fill(0);
    return out;
  };
}
