/**
 * What a person is told for each error code, in Swedish and English: one table, read by the
 * server's problem+json answers, the web pages and the `kollen` CLI, so a code reads the same
 * wherever it is met.
 *
 * Written for the person who meets it (often a municipality's coordinator, not a developer): what
 * happened in plain words and, where there is something to do, what to do. Never internals, never a
 * value from the request. The log-safe English `message` of a KollenError is a different thing:
 * it says exactly what failed, for support.
 */
import type { AuditEventName } from "./audit-events.ts";
import type { ErrorCode } from "./errors.ts";
import type { ActorGroup } from "./orgnr.ts";
import type { SignerSource } from "./registry-api.ts";
import type { StaffRole } from "./staff-api.ts";
import type { CoverageRole, CoverageState, ReviewDecision, ReviewFlag, SubmissionChannel, SubmissionStatus, VerificationOutcome } from "./submission.ts";

/** A message in Swedish first, English second. */
export interface Message {
  sv: string;
  en: string;
}

/** Every ErrorCode has its message: a missing one is a type error. */
export const ERROR_MESSAGES: Record<ErrorCode, Message> = {
  // --- input / usage
  USAGE: { sv: "Kommandot används på fel sätt. Se hjälptexten för vad det förväntar sig.", en: "The command is used the wrong way. See the help text for what it expects." },
  BAD_INPUT: { sv: "Uppgifterna är inte giltiga.", en: "The input is not valid." },
  FILE_NOT_FOUND: { sv: "Filen finns inte. Kontrollera sökvägen.", en: "The file does not exist. Check the path." },
  OUTPUT_EXISTS: { sv: "Filen finns redan. Välj ett annat namn eller ta bort filen först.", en: "The file already exists. Choose another name or remove the file first." },
  OUTPUT_NOT_EMPTY: { sv: "Mappen är inte tom. Välj en ny eller tom mapp.", en: "The folder is not empty. Choose a new or empty folder." },
  PORT_IN_USE: {
    sv: "Porten används redan av ett annat program. Välj en annan med --port, eller med PORT i miljön.",
    en: "The port is already in use by another program. Choose another with --port, or with PORT in the environment.",
  },

  // --- schemas
  ORGNR_INVALID: { sv: "Ett organisationsnummer är inte giltigt. Det har 10 siffror, till exempel 212000-0142.", en: "An organisationsnummer is not valid. It has 10 digits, for example 212000-0142." },
  ORGNR_CHECKSUM: { sv: "Ett organisationsnummer har fel kontrollsiffra. Kontrollera att det är rätt skrivet.", en: "An organisationsnummer has a wrong check digit. Check that it is typed correctly." },
  SURVEY_MODEL_INVALID: { sv: "Enkätmodellen är inte giltig.", en: "The survey model is not valid." },
  RESULT_INVALID: { sv: "Resultatfilen är inte ett giltigt Kollen-resultat.", en: "The result file is not a valid Kollen result." },
  RESULT_MODEL_MISMATCH: { sv: "Resultatet stämmer inte med enkätmodellen.", en: "The result does not match the survey model." },
  RESULT_MANIFEST_MISMATCH: {
    sv: "Resultatfilen gäller en annan organisation eller insamling än paketet.",
    en: "The result file is for another organisation or campaign than the package.",
  },
  RESULT_WRONG_ORGANISATION: {
    sv: "Resultatfilen gäller en annan organisation än den som lämnar in.",
    en: "The result file is for another organisation than the one submitting.",
  },
  MANIFEST_INVALID: { sv: "Paketets uppgifter (manifestet) är inte giltiga.", en: "The package's details (the manifest) are not valid." },

  // --- age
  AGE_HEADER_INVALID: { sv: "Det krypterade innehållet är skadat eller inte krypterat på rätt sätt.", en: "The encrypted content is damaged or not encrypted the right way." },
  AGE_RECIPIENT_INVALID: { sv: "En mottagarnyckel är inte giltig.", en: "A recipient key is not valid." },
  AGE_RECIPIENTS_MIXED: {
    sv: "Post-kvantsäkra mottagarnycklar (age1pq1…) och vanliga X25519-nycklar (age1…) får inte blandas i samma fil. Kryptera till nycklar av en sort.",
    en: "Post-quantum recipient keys (age1pq1…) and plain X25519 keys (age1…) must not be mixed in one file. Encrypt to keys of one kind.",
  },
  AGE_IDENTITY_INVALID: { sv: "Identitetsfilen är inte en age-identitet (AGE-SECRET-KEY-1… eller AGE-SECRET-KEY-PQ-1…).", en: "The identity file is not an age identity (AGE-SECRET-KEY-1… or AGE-SECRET-KEY-PQ-1…)." },
  AGE_NO_MATCHING_IDENTITY: { sv: "Filen är inte krypterad till någon av de angivna nycklarna.", en: "The file is not encrypted to any of the given keys." },
  AGE_HMAC_MISMATCH: { sv: "Det krypterade innehållet har ändrats eller skadats.", en: "The encrypted content was changed or damaged." },
  AGE_PAYLOAD_INVALID: { sv: "Det krypterade innehållet är skadat eller ofullständigt.", en: "The encrypted content is damaged or incomplete." },
  DECRYPTION_FAILED: {
    sv: "Paketet kunde inte dekrypteras med den här identitetsfilen. Kontrollera att det är myndighetens nyckel som paketet krypterades till.",
    en: "The package could not be decrypted with this identity file. Check that it is the authority's key the package was encrypted to.",
  },

  // --- keys
  KEY_INVALID: { sv: "Nyckeln är inte giltig. Kontrollera att det är rätt nyckelfil.", en: "The key is not valid. Check that it is the right key file." },
  KEY_UNSUPPORTED: { sv: "Nyckeltypen stöds inte; använd en Ed25519-nyckel (JWK).", en: "The key type is not supported; use an Ed25519 key (JWK)." },
  PKCS12_INVALID: { sv: "Certifikatfilen (.p12 eller .pfx) kunde inte läsas.", en: "The certificate file (.p12 or .pfx) could not be read." },
  PKCS12_PASSWORD: { sv: "Fel lösenord till certifikatfilen.", en: "Wrong password for the certificate file." },
  CERT_CHAIN_INVALID: { sv: "Signeringscertifikatet är inte betrott: det är inte utfärdat av någon som myndigheten litar på.", en: "The signing certificate is not trusted: it is not issued by anyone the authority trusts." },
  CERT_EXPIRED: { sv: "Ett certifikat har gått ut eller gäller inte ännu.", en: "A certificate has expired or is not valid yet." },
  CERT_NO_ORGNR: { sv: "Certifikatet anger inget organisationsnummer.", en: "The certificate names no organisationsnummer." },
  KEYRING_INVALID: { sv: "Myndighetens nyckellista är inte giltig.", en: "The authority's key list is not valid." },
  KEYRING_SIGNATURE_INVALID: {
    sv: "Myndighetens nyckellista har ingen giltig signatur. Skicka inte in; kontakta myndigheten.",
    en: "The authority's key list has no valid signature. Do not submit; contact the authority.",
  },
  KEYRING_KEY_UNKNOWN: {
    sv: "Myndighetens nyckellista är signerad med en okänd nyckel. Skicka inte in; kontakta myndigheten.",
    en: "The authority's key list is signed with an unknown key. Do not submit; contact the authority.",
  },

  // --- package structure
  PACKAGE_TOO_LARGE: { sv: "Paketet är större än vad servern tar emot.", en: "The package is larger than the server accepts." },
  PACKAGE_TRUNCATED: { sv: "Paketet är ofullständigt. Försök ladda upp det igen.", en: "The package is incomplete. Try uploading it again." },
  PACKAGE_NOT_TAR: { sv: "Filen är inte ett Kollen-paket.", en: "The file is not a Kollen package." },
  PACKAGE_MEMBER_ORDER: { sv: "Paketets delar ligger i fel ordning. Skapa paketet igen med Kollens verktyg.", en: "The parts of the package are in the wrong order. Make the package again with the Kollen tools." },
  PACKAGE_MEMBER_MISSING: { sv: "En del av paketet saknas.", en: "A part of the package is missing." },
  PACKAGE_MEMBER_EXTRA: { sv: "Paketet innehåller något som inte får finnas där.", en: "The package holds something it must not." },
  PACKAGE_MEMBER_TYPE: { sv: "En del av paketet är inte en vanlig fil.", en: "A part of the package is not a regular file." },
  PACKAGE_FORMAT_VERSION: {
    sv: "Paketets format stöds inte. Skapa paketet med en aktuell version av Kollens verktyg.",
    en: "The package format is not supported. Make the package with a current version of the Kollen tools.",
  },
  PACKAGE_NOT_CANONICAL: {
    sv: "Paketet är inte skrivet på det enda sätt formatet tillåter. Skapa paketet igen med Kollens verktyg.",
    en: "The package is not written in the one form the format allows. Make the package again with the Kollen tools.",
  },
  PACKAGE_ID_REUSED: {
    sv: "Ett annat paket med samma paket-id har redan lämnats in. Skapa ett nytt paket med Kollens verktyg.",
    en: "Another package with the same package id has already been submitted. Make a new package with the Kollen tools.",
  },
  CREATED_IN_FUTURE: {
    sv: "Paketet säger att det skapades i framtiden. Kontrollera datorns klocka och skapa paketet igen.",
    en: "The package says it was made in the future. Check the computer's clock and make the package again.",
  },
  PAYLOAD_NOT_AGE: {
    sv: "Det krypterade innehållet är inte krypterat till myndigheten på det sätt formatet kräver: paketet har ändrats eller skadats.",
    en: "The encrypted content is not encrypted to the authority the way the format requires: the package was changed or damaged.",
  },
  MANIFEST_NOT_SIGNED_BYTES: { sv: "Paketets uppgifter är inte de som signerades: paketet har ändrats.", en: "The package's details are not what was signed: the package was changed." },
  PAYLOAD_DIGEST_MISMATCH: {
    sv: "Det krypterade innehållet stämmer inte med paketets uppgifter: paketet har ändrats eller skadats.",
    en: "The encrypted content does not match the package's details: the package was changed or damaged.",
  },
  PAYLOAD_LENGTH_MISMATCH: {
    sv: "Det krypterade innehållet har fel längd: paketet har ändrats eller skadats.",
    en: "The encrypted content has the wrong length: the package was changed or damaged.",
  },
  RECIPIENT_NOT_IN_KEYRING: {
    sv: "Paketet är krypterat till en nyckel som myndigheten inte använder. Hämta myndighetens aktuella nycklar och skapa paketet igen.",
    en: "The package is encrypted to a key the authority does not use. Fetch the authority's current keys and make the package again.",
  },
  RECIPIENT_RETIRED: {
    sv: "Paketet är krypterat till en nyckel som inte längre används. Hämta myndighetens aktuella nycklar och skapa paketet igen.",
    en: "The package is encrypted to a key that is no longer used. Fetch the authority's current keys and make the package again.",
  },

  // --- signatures
  SIGNATURE_INVALID: { sv: "En signatur är ogiltig: paketet har ändrats efter att det signerades.", en: "A signature is not valid: the package was changed after it was signed." },
  SIGNATURE_MISSING: { sv: "Paketet är inte signerat.", en: "The package is not signed." },
  SIGNATURE_ALG_UNSUPPORTED: { sv: "En signatur är gjord med en metod som inte stöds.", en: "A signature is made with a method that is not supported." },
  SIGNER_UNKNOWN: {
    sv: "Signeringsnyckeln är inte registrerad för organisationen. Registrera den via en inbjudan eller hos myndigheten.",
    en: "The signing key is not registered for the organisation. Register it through an invitation or with the authority.",
  },
  SIGNER_REVOKED: { sv: "Signeringsnyckeln är återkallad. Signera paketet med en giltig nyckel.", en: "The signing key has been revoked. Sign the package with a valid key." },
  SIGNER_CAMPAIGN_LIMITED: {
    sv: "Nyckeln registrerades via en inbjudningslänk och gäller bara länkens insamling tills myndigheten har bekräftat den.",
    en: "The key was registered through an invitation link and is valid only for the link's campaign until the authority confirms it.",
  },
  SIGNER_WRONG_ORGANISATION: { sv: "Signeringsnyckeln hör till en annan organisation än den som lämnar in.", en: "The signing key belongs to another organisation than the one submitting." },
  SIGNER_CERT_EXPIRED: { sv: "Signeringscertifikatet har gått ut eller gäller inte ännu.", en: "The signing certificate has expired or is not valid yet." },

  // --- inner payload
  INNER_TAR_INVALID: { sv: "Det dekrypterade innehållet är inte giltigt.", en: "The decrypted content is not valid." },
  INNER_PATH_UNSAFE: { sv: "Paketet innehåller en osäker sökväg.", en: "The package holds an unsafe path." },
  INNER_LINK_FORBIDDEN: { sv: "Paketet innehåller en länk.", en: "The package holds a link." },
  INNER_DUPLICATE_NAME: { sv: "Paketet innehåller två filer med samma namn.", en: "The package holds two files with the same name." },
  INNER_MEMBER_MISSING: { sv: "Det dekrypterade innehållet saknar en fil.", en: "The decrypted content lacks a file." },
  INNER_SIGNATURE_INVALID: { sv: "Den inre signaturen är ogiltig.", en: "The inner signature is not valid." },
  INNER_SIGNERS_MISMATCH: { sv: "De inre och yttre signaturerna är inte gjorda av samma undertecknare.", en: "The inner and outer signatures are not by the same signers." },
  INNER_BINDING_MISMATCH: { sv: "Innehållet signerades för ett annat paket.", en: "The content was signed for another package." },
  INNER_DIGEST_MISMATCH: { sv: "En fil i paketet stämmer inte med sin signerade kontrollsumma.", en: "A file in the package does not match its signed checksum." },

  // --- server
  UNSUPPORTED_MEDIA_TYPE: { sv: "Innehållstypen stöds inte. Skicka paketet som application/vnd.kollen.package.", en: "The content type is not supported. Send the package as application/vnd.kollen.package." },
  BODY_TIMEOUT: { sv: "Hela paketet kom inte fram inom tidsgränsen. Försök igen.", en: "The whole package did not arrive in time. Try again." },
  NOT_FOUND: { sv: "Det finns inget här, eller så har du inte behörighet.", en: "There is nothing here, or you are not allowed to see it." },
  UNAUTHORIZED: { sv: "Du behöver logga in.", en: "You need to log in." },
  FORBIDDEN: { sv: "Du har inte behörighet till det här.", en: "You are not allowed to do this." },
  RATE_LIMITED: { sv: "För många försök på kort tid. Vänta en stund och försök igen.", en: "Too many attempts in a short time. Wait a while and try again." },
  CAMPAIGN_UNKNOWN: { sv: "Insamlingen finns inte. Kontrollera insamlingens id i inbjudan.", en: "There is no such campaign. Check the campaign id in the invitation." },
  CAMPAIGN_CLOSED: { sv: "Insamlingen är stängd och tar inte längre emot inlämningar.", en: "The campaign is closed and no longer accepts submissions." },
  CAMPAIGN_NOT_OPEN: { sv: "Insamlingen har inte öppnat ännu.", en: "The campaign has not opened yet." },
  ORGANISATION_UNKNOWN: { sv: "Organisationen är inte registrerad hos myndigheten.", en: "The organisation is not registered with the authority." },
  SURVEY_MODEL_MISMATCH: { sv: "Paketet besvarar en annan enkätmodell än insamlingens.", en: "The package answers another survey model than the campaign's." },
  COVERAGE_UNCONFIRMED: {
    sv: "Att organisationen får lämna in för de andra organisationerna är inte bekräftat.",
    en: "That the organisation may submit for the other organisations is not confirmed.",
  },
  COVERAGE_CONFLICT: { sv: "En organisation har redan rapporterats av någon annan.", en: "An organisation has already been reported by someone else." },
  INVITE_INVALID: {
    sv: "Inbjudningslänken är inte giltig eller gäller en annan insamling. Be myndigheten om en ny länk.",
    en: "The invitation link is not valid or is for another campaign. Ask the authority for a new link.",
  },
  INVITE_EXPIRED: { sv: "Inbjudningslänken har gått ut. Be myndigheten som skickade den om en ny.", en: "The invitation link has expired. Ask the authority that sent it for a new one." },
  INVITE_USED: {
    sv: "Inbjudningslänken har redan använts av så många organisationer som den var avsedd för.",
    en: "The invitation link has already been used by as many organisations as it was meant for.",
  },
  INVITE_WRONG_ORGANISATION: {
    sv: "Inbjudningslänken gäller en annan organisation. Den kan bara användas med organisationsnumret den skickades till.",
    en: "The invitation link is for another organisation. It can only be used with the organisationsnummer it was sent to.",
  },
  INVITE_ORGANISATION_REGISTERED: {
    sv: "Organisationen finns redan hos myndigheten. Använd länken som myndigheten skickade till er, eller kontakta myndigheten.",
    en: "The organisation is already registered with the authority. Use the link the authority sent you, or contact the authority.",
  },
  CONFLICT: { sv: "Det krockar med något som redan finns.", en: "It conflicts with something that already exists." },
  QUOTA_EXCEEDED: {
    sv: "Organisationen har redan lämnat in så mycket som servern tar emot för insamlingen. Kontakta myndigheten.",
    en: "The organisation has already submitted as much as the server accepts for the campaign. Contact the authority.",
  },

  // --- accounts
  LOGIN_FAILED: { sv: "Fel användarnamn eller lösenord.", en: "Wrong username or password." },
  PASSWORD_POLICY: { sv: "Lösenordet uppfyller inte kraven.", en: "The password does not meet the requirements." },
  CSRF_INVALID: {
    sv: "Begäran kunde inte bekräftas komma från den här webbplatsen. Ladda om sidan och försök igen.",
    en: "The request could not be confirmed as coming from this site. Reload the page and try again.",
  },
  BOOTSTRAP_INVALID: {
    sv: "Startnyckeln för första administratören är fel, eller så är ingen startnyckel inställd.",
    en: "The bootstrap secret for the first admin is wrong, or no bootstrap secret is set.",
  },
  BOOTSTRAP_USED: {
    sv: "Startnyckeln är redan använd, eller så finns det redan konton. Logga in med ditt konto och ta bort startnyckeln.",
    en: "The bootstrap secret has already been used, or accounts already exist. Log in with your account and remove the secret.",
  },

  // --- analysis
  ANALYSIS_NO_RESULTS: {
    sv: "Det finns inga resultat att räkna på. Kontrollera att exporten är rätt och att undertecknarna är betrodda.",
    en: "There are no results to compute on. Check that the export is the right one and that its signers are trusted.",
  },
  RESULT_SUPERSEDED: { sv: "Resultatet är ersatt av ett senare resultat från samma organisation.", en: "The result is superseded by a later result from the same organisation." },
  EXPORT_INDEX_INVALID: { sv: "Exporten saknar ett giltigt index. Ladda ner exporten igen.", en: "The export lacks a valid index. Download the export again." },

  INTERNAL: { sv: "Något gick fel hos oss. Försök igen senare.", en: "Something went wrong on our side. Please try again later." },
};

/**
 * The message for `code` in `lang`.
 *
 * @example errorMessage("SIGNER_UNKNOWN", "sv") // "Signeringsnyckeln är inte registrerad för organisationen. …"
 */
export function errorMessage(code: ErrorCode, lang: keyof Message): string {
  return ERROR_MESSAGES[code][lang];
}

/**
 * The words for every other code a person meets — a submission's status and flags, actor groups,
 * staff roles, coverage, verification outcomes, decisions, channels, signer sources, audit events —
 * in the same two languages. Keyed by the lists of schemas/ (submission.ts, audit-events.ts,
 * orgnr.ts, staff-api.ts, registry-api.ts): a value added there without its words is a type error
 * here. The pages show these words and keep the code itself on hover.
 */
export const CODE_WORDS = {
  status: {
    received: { sv: "mottagen", en: "received" },
    verified: { sv: "kontrollerad, väntar på granskning", en: "verified, awaiting review" },
    approved: { sv: "godkänd", en: "approved" },
    rejected: { sv: "avvisad", en: "rejected" },
    superseded: { sv: "ersatt av en senare inlämning", en: "superseded by a later submission" },
    conflict: { sv: "konflikt, granskas", en: "conflict, under review" },
  } satisfies Record<SubmissionStatus, Message>,
  flag: {
    SUPERSEDES_APPROVED: { sv: "ersätter en redan godkänd inlämning", en: "replaces an already approved submission" },
    COVERAGE_CONFLICT: { sv: "en organisation har redan rapporterats av någon annan", en: "an organisation has already been reported by someone else" },
    COVERAGE_UNCONFIRMED: { sv: "att inlämningen får gälla de andra organisationerna är inte bekräftat", en: "that the submission may report for the other organisations is not confirmed" },
    NEW_KEY_FROM_LINK: { sv: "första inlämningen med en nyckel från en inbjudningslänk, inte bekräftad ännu", en: "the first submission with a key from an invitation link, not yet confirmed" },
  } satisfies Record<ReviewFlag, Message>,
  group: {
    municipality: { sv: "kommun", en: "municipality" },
    region: { sv: "region", en: "region" },
    state_agency: { sv: "statlig myndighet", en: "state agency" },
    other: { sv: "övrig", en: "other" },
  } satisfies Record<ActorGroup, Message>,
  role: {
    admin: { sv: "administratör", en: "administrator" },
    reviewer: { sv: "granskare", en: "reviewer" },
    supervisor: { sv: "tillsynshandläggare", en: "supervisor" },
    analyst: { sv: "analytiker", en: "analyst" },
  } satisfies Record<StaffRole, Message>,
  coverageRole: {
    self: { sv: "egen inlämning", en: "own submission" },
    covers: { sv: "täcks av inlämningen", en: "covered by the submission" },
  } satisfies Record<CoverageRole, Message>,
  coverageState: {
    confirmed: { sv: "bekräftad", en: "confirmed" },
    unconfirmed: { sv: "obekräftad", en: "unconfirmed" },
    refused: { sv: "avslagen", en: "refused" },
  } satisfies Record<CoverageState, Message>,
  outcome: {
    PASSED: { sv: "godkänd", en: "passed" },
    INDETERMINATE: { sv: "obestämd", en: "indeterminate" },
    FAILED: { sv: "underkänd", en: "failed" },
  } satisfies Record<VerificationOutcome, Message>,
  decision: {
    approve: { sv: "godkänd", en: "approved" },
    reject: { sv: "avvisad", en: "rejected" },
  } satisfies Record<ReviewDecision, Message>,
  channel: {
    upload: { sv: "uppladdad", en: "uploaded" },
    manual: { sv: "registrerad manuellt", en: "registered manually" },
  } satisfies Record<SubmissionChannel, Message>,
  signerSource: {
    admin: { sv: "administratör", en: "administrator" },
    invite: { sv: "inbjudningslänk", en: "invitation link" },
  } satisfies Record<SignerSource, Message>,
  event: {
    "auth.login": { sv: "inloggning", en: "login" },
    "auth.login.failed": { sv: "misslyckad inloggning", en: "failed login" },
    "auth.login.limited": { sv: "inloggning spärrad tillfälligt", en: "login rate-limited" },
    "auth.logout": { sv: "utloggning", en: "logout" },
    "auth.logout_all": { sv: "utloggning överallt", en: "logout everywhere" },
    "user.add": { sv: "konto skapat", en: "account added" },
    "user.disable": { sv: "konto spärrat", en: "account disabled" },
    "user.enable": { sv: "konto aktiverat", en: "account enabled" },
    "user.roles": { sv: "kontots roller ändrade", en: "account roles changed" },
    "organisation.registered": { sv: "organisation registrerad", en: "organisation registered" },
    "signer.registered": { sv: "signeringsnyckel registrerad", en: "signing key registered" },
    "signer.revoked": { sv: "signeringsnyckel återkallad", en: "signing key revoked" },
    "signer.confirmed": { sv: "nyckel från inbjudningslänk bekräftad", en: "key from an invitation link confirmed" },
    "ca.trusted": { sv: "utfärdare betrodd", en: "CA trusted" },
    "ca.revoked": { sv: "utfärdare återkallad", en: "CA revoked" },
    "campaign.saved": { sv: "insamling sparad", en: "campaign saved" },
    "keyring.installed": { sv: "nyckellista installerad", en: "keyring installed" },
    "invite.created": { sv: "inbjudan skapad", en: "invitation created" },
    "invite.accepted": { sv: "inbjudan använd", en: "invitation accepted" },
    "invite.expired": { sv: "inbjudan avslutad", en: "invitation withdrawn" },
    "submission.received": { sv: "inlämning mottagen", en: "submission received" },
    "submission.registered": { sv: "inlämning registrerad manuellt", en: "submission registered manually" },
    "submission.blob_deleted": { sv: "paketfil raderad enligt gallringsregeln", en: "package file deleted by the retention rule" },
    "review.download": { sv: "paket hämtat för granskning", en: "package downloaded for review" },
    "review.decision": { sv: "beslut", en: "decision" },
    "coverage.confirm": { sv: "täckning bekräftad", en: "coverage confirmed" },
    "coverage.refuse": { sv: "täckning avslagen", en: "coverage refused" },
    "export.campaign": { sv: "export för analys", en: "export for analysis" },
  } satisfies Record<AuditEventName, Message>,
};

/** What kind of code a word is for. */
export type CodeKind = keyof typeof CODE_WORDS;

/**
 * The words for `value` of `kind` in `lang`, in lower case (a page capitalises where a sentence
 * starts); a value the table does not know is shown as it is, never hidden.
 *
 * @example codeWords("status", "superseded", "sv") // "ersatt av en senare inlämning"
 */
export function codeWords(kind: CodeKind, value: string, lang: keyof Message): string {
  const table: Partial<Record<string, Message>> = CODE_WORDS[kind];
  return Object.hasOwn(table, value) ? table[value]![lang] : value;
}
