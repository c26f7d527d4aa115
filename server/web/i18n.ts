/**
 * The user interface texts of the web pages, Swedish first and English second (CONVENTIONS.md
 * § Words). One table serves the pages the server renders and the messages the browser bundles
 * show, so a page never mixes the two languages. Pure data: runs on the server and in the browser.
 */
import type { ErrorCode } from "../../schemas/errors.ts";
import { ERROR_MESSAGES, type Message } from "../../schemas/messages.ts";
import type { ReviewFlag, SubmissionStatus } from "../../schemas/submission.ts";

export const LANGS = ["sv", "en"] as const;
export type Lang = (typeof LANGS)[number];

/** A text in both languages, as schemas/messages.ts writes them. */
export type Text = Message;

/** Words every page needs for the vocabulary: a status or flag added in schemas/submission.ts without them is a type error here. */
type VocabularyKey = `status_${SubmissionStatus}` | `flag_${ReviewFlag}`;
const T = <K extends string>(table: Record<K | VocabularyKey, Text>) => table;

/** Every fixed text of the pages. `{name}` marks a value filled in by {@link t}. */
export const TEXT = T({
  // --- shell
  skipToMain: { sv: "Hoppa till innehållet", en: "Skip to content" },
  serviceName: { sv: "Kollen – inlämning av självskattningar", en: "Kollen – submission of self-assessments" },
  languageNav: { sv: "Språk", en: "Language" },
  footer: {
    sv: "Svaren krypteras i din webbläsare. Servern ser aldrig dem; bara {authorityGenitive} granskare kan läsa dem.",
    en: "The answers are encrypted in your browser. The server never sees them; only the reviewers at {authority} can read them.",
  },
  devBanner: {
    sv: "Utvecklingsläge: myndighetens nycklar är testnycklar. Skicka inga riktiga resultat.",
    en: "Development mode: the authority's keys are test keys. Do not submit real results.",
  },

  // --- portal
  portalTitle: { sv: "Lämna in resultatet", en: "Submit the result" },
  portalIntro: {
    sv: "Här lämnar organisationen in resultatet av självskattningen till {authority}. Välj ett färdigt paket som ni skapat med Kollens verktyg, eller skapa paketet här: resultatet signeras med organisationens nyckel och krypteras i webbläsaren innan något skickas.",
    en: "Here the organisation submits the result of the self-assessment to {authority}. Choose a ready package made with the Kollen tools, or make the package here: the result is signed with the organisation's key and encrypted in the browser before anything is sent.",
  },
  campaignLabel: { sv: "Insamling", en: "Campaign" },
  campaignHint: { sv: "Insamlingarna som är öppna just nu. Inbjudan säger vilken som gäller er.", en: "The campaigns open right now. The invitation says which one is yours." },
  uploadHeading: { sv: "Skicka in ett färdigt paket", en: "Submit a ready package" },
  uploadFileLabel: { sv: "Paketfil (.kollen)", en: "Package file (.kollen)" },
  uploadSubmit: { sv: "Skicka in paketet", en: "Submit the package" },
  buildHeading: { sv: "Skapa paketet i webbläsaren", en: "Make the package in the browser" },
  buildIntro: {
    sv: "Filerna läses bara här i webbläsaren. Signeringsnyckeln och svaren lämnar aldrig sidan; servern får bara det krypterade paketet.",
    en: "The files are read only here in the browser. The signing key and the answers never leave the page; the server gets only the encrypted package.",
  },
  resultFileLabel: { sv: "Resultatfil (result.json)", en: "Result file (result.json)" },
  attachmentsLabel: { sv: "Bilagor (valfritt)", en: "Attachments (optional)" },
  signerFilesLabel: { sv: "Organisationens signeringsnyckel (privat JWK-fil); välj två filer för en kontrasignering", en: "The organisation's signing key (private JWK file); choose two files for a countersignature" },
  coversLabel: { sv: "Inlämnar även för (organisationsnummer, kommaseparerade, valfritt)", en: "Also submits for (organisationsnummer, comma-separated, optional)" },
  modelFileLabel: { sv: "Enkätmodell (behövs bara om den inte finns på servern)", en: "Survey model (needed only if the server does not have it)" },
  moreOptions: { sv: "Fler val", en: "More options" },
  previewButton: { sv: "Förhandsgranska", en: "Preview" },
  previewHeading: { sv: "Det här skickas till servern", en: "This is what the server gets" },
  previewIntro: {
    sv: "Servern ser bara uppgifterna nedan. Svaren och bilagorna skickas krypterade till myndighetens nycklar.",
    en: "The server sees only the facts below. The answers and attachments are sent encrypted to the authority's keys.",
  },
  sendButton: { sv: "Signera, kryptera och skicka in", en: "Sign, encrypt and submit" },
  savePackage: { sv: "Spara en kopia av paketet", en: "Save a copy of the package" },
  fieldOrganisation: { sv: "Organisation", en: "Organisation" },
  fieldCampaign: { sv: "Insamling", en: "Campaign" },
  fieldModel: { sv: "Enkätmodell", en: "Survey model" },
  fieldCovers: { sv: "Inlämnar även för", en: "Also submits for" },
  fieldSigners: { sv: "Signeras av (nyckel-id)", en: "Signed by (key id)" },
  fieldRecipients: { sv: "Krypteras till myndighetens nycklar", en: "Encrypted to the authority's keys" },
  fieldEncrypted: { sv: "Krypterat innehåll", en: "Encrypted content" },
  fieldPackageSize: { sv: "Paketets storlek", en: "Package size" },
  fieldPackageId: { sv: "Paket-id", en: "Package id" },
  fieldCreatedAt: { sv: "Skapat", en: "Created" },
  encryptedFiles: { sv: "result.json ({result}) och {count} bilagor ({attachments})", en: "result.json ({result}) and {count} attachments ({attachments})" },
  none: { sv: "inga", en: "none" },
  progressLabel: { sv: "Uppladdning", en: "Upload" },
  receiptHeading: { sv: "Kvitto", en: "Receipt" },
  receiptIntro: { sv: "Spara kvittot. Med det kan ni när som helst se inlämningens status.", en: "Keep the receipt. With it you can see the status of the submission at any time." },
  receiptDownload: { sv: "Ladda ner kvittot", en: "Download the receipt" },
  receiptText: { sv: "Kvittot (JWS)", en: "The receipt (JWS)" },
  receiptVerified: { sv: "Kvittot är signerat av servern (nyckel {kid}).", en: "The receipt is signed by the server (key {kid})." },
  receiptNotVerified: { sv: "Kvittots signatur kunde inte kontrolleras.", en: "The receipt's signature could not be checked." },
  fieldSubmissionId: { sv: "Inlämnings-id", en: "Submission id" },
  fieldStatus: { sv: "Status", en: "Status" },
  fieldReceivedAt: { sv: "Mottaget", en: "Received" },
  fieldPackageSha256: { sv: "Paketets SHA-256", en: "Package SHA-256" },
  fieldFlags: { sv: "Att granska", en: "To be reviewed" },
  fieldSupersededBy: { sv: "Ersatt av", en: "Superseded by" },
  lookupHeading: { sv: "Se status för en inlämning", en: "See the status of a submission" },
  lookupLabel: { sv: "Klistra in kvittot", en: "Paste the receipt" },
  lookupFileLabel: { sv: "eller välj kvittofilen", en: "or choose the receipt file" },
  lookupButton: { sv: "Visa status", en: "Show status" },

  // --- portal progress messages
  msgReadingFiles: { sv: "Läser filerna …", en: "Reading the files …" },
  msgFetchingKeyring: { sv: "Hämtar och kontrollerar myndighetens nycklar …", en: "Fetching and checking the authority's keys …" },
  msgPreviewReady: { sv: "Granska uppgifterna nedan innan du skickar in.", en: "Check the facts below before you submit." },
  msgBuilding: { sv: "Signerar och krypterar …", en: "Signing and encrypting …" },
  msgUploading: { sv: "Skickar in …", en: "Submitting …" },
  msgAccepted: { sv: "Inlämningen är mottagen. Status: {status}.", en: "The submission has been received. Status: {status}." },
  msgAcceptedAgain: { sv: "Paketet var redan inlämnat; här är det ursprungliga kvittot.", en: "The package had already been submitted; here is the original receipt." },
  msgChooseFile: { sv: "Välj en fil först.", en: "Choose a file first." },
  msgChooseResultAndKey: { sv: "Välj resultatfilen och signeringsnyckeln.", en: "Choose the result file and the signing key." },
  msgCampaignInvalid: { sv: "Ange insamlingens id (a–z, 0–9, punkt, understreck, bindestreck).", en: "Enter the campaign id (a–z, 0–9, dot, underscore, hyphen)." },
  msgCampaignMismatch: { sv: "Resultatfilen gäller insamlingen {result}, inte {campaign}.", en: "The result file is for the campaign {result}, not {campaign}." },
  msgCoversInvalid: { sv: "{value} är inte ett giltigt organisationsnummer.", en: "{value} is not a valid organisationsnummer." },
  msgCoversSelf: { sv: "En organisation kan inte lämna in för sig själv som täckt organisation.", en: "An organisation cannot list itself as covered." },
  msgKeyIsPublic: { sv: "Det här är den publika nyckeln; välj den privata nyckelfilen för att signera.", en: "This is the public key; choose the private key file to sign." },
  msgTooManyAttachments: { sv: "Högst {max} bilagor.", en: "At most {max} attachments." },
  msgTooLarge: { sv: "Paketet är {size}; servern tar emot högst {max}. Inget har skickats.", en: "The package is {size}; the server accepts at most {max}. Nothing was sent." },
  msgNetwork: { sv: "Servern kunde inte nås. Kontrollera anslutningen och försök igen.", en: "The server could not be reached. Check the connection and try again." },
  msgLookupDone: { sv: "Status hämtad.", en: "Status fetched." },
  msgReceiptInvalid: { sv: "Det här är inte ett Kollen-kvitto.", en: "This is not a Kollen receipt." },
  errorPrefix: { sv: "Det gick inte", en: "It did not work" },
  codeLabel: { sv: "felkod", en: "error code" },

  // --- statuses
  status_received: { sv: "mottagen", en: "received" },
  status_verified: { sv: "kontrollerad, väntar på granskning", en: "verified, awaiting review" },
  status_approved: { sv: "godkänd", en: "approved" },
  status_rejected: { sv: "avvisad", en: "rejected" },
  status_superseded: { sv: "ersatt av en senare inlämning", en: "superseded by a later submission" },
  status_conflict: { sv: "konflikt, granskas", en: "conflict, under review" },
  flag_SUPERSEDES_APPROVED: { sv: "ersätter en redan godkänd inlämning", en: "replaces an already approved submission" },
  flag_COVERAGE_CONFLICT: { sv: "en organisation har redan rapporterats av någon annan", en: "an organisation has already been reported by someone else" },
  flag_COVERAGE_UNCONFIRMED: { sv: "att ni får lämna in för de andra organisationerna är inte bekräftat", en: "that you may submit for the other organisations is not confirmed" },
  flag_NEW_KEY_FROM_LINK: { sv: "första inlämningen med en nyckel från en inbjudningslänk, inte bekräftad ännu", en: "the first submission with a key from an invitation link, not yet confirmed" },

  // --- supervisor: invitation links
  supTitle: { sv: "Inbjudningslänkar", en: "Invitation links" },
  supIntro: {
    sv: "Skapa länkar som ni skickar till verksamheter ni har tillsyn över. Med länken registrerar verksamheten sin signeringsnyckel och lämnar in resultatet. Ni ser vilka organisationer som har använt länkarna, aldrig deras svar.",
    en: "Make links to send to the entities you supervise. With the link an entity registers its signing key and submits its result. You see which organisations used the links, never their answers.",
  },
  supCreateHeading: { sv: "Skapa en länk", en: "Make a link" },
  supSectorLabel: { sv: "Sektor (valfri etikett, bara för er)", en: "Sector (optional label, for you only)" },
  supDaysLabel: { sv: "Giltig i antal dagar", en: "Valid for days" },
  supUsesLabel: { sv: "Antal organisationer som får använda länken", en: "Number of organisations that may use the link" },
  supUsesHint: { sv: "1 = engångslänk till en organisation.", en: "1 = a single-use link for one organisation." },
  supCreateButton: { sv: "Skapa länk", en: "Make the link" },
  supNewLinkHeading: { sv: "Ny länk", en: "New link" },
  supNewLinkHint: { sv: "Kopiera länken nu: den visas bara den här gången, servern sparar den inte.", en: "Copy the link now: it is shown only this once, the server does not keep it." },
  supCopyButton: { sv: "Kopiera länken", en: "Copy the link" },
  supCopied: { sv: "Länken är kopierad.", en: "The link has been copied." },
  supListHeading: { sv: "Mina länkar", en: "My links" },
  supNoLinks: { sv: "Du har inte skapat några länkar än.", en: "You have not made any links yet." },
  supColCampaign: { sv: "Insamling", en: "Campaign" },
  supColSector: { sv: "Sektor", en: "Sector" },
  supColCreated: { sv: "Skapad", en: "Made" },
  supColExpires: { sv: "Gäller till", en: "Valid until" },
  supColUses: { sv: "Använd", en: "Used" },
  supColUsedBy: { sv: "Använd av", en: "Used by" },
  supExpired: { sv: "(har gått ut)", en: "(expired)" },
  supNotUsed: { sv: "inte använd än", en: "not used yet" },
  supLoggedInAs: { sv: "Inloggad som {user}", en: "Logged in as {user}" },
  supLogout: { sv: "Logga ut", en: "Log out" },
  supNeedLogin: { sv: "Logga in med ett konto för tillsynsmyndighet för att skapa länkar.", en: "Log in with a supervisory authority account to make links." },
  supLoginLink: { sv: "Logga in", en: "Log in" },
  supLinkCreated: { sv: "Länken är skapad.", en: "The link has been made." },
  supExpireButton: { sv: "Avsluta länken", en: "Withdraw the link" },
  supExpiredNow: { sv: "Länken är avslutad och kan inte längre användas.", en: "The link has been withdrawn and can no longer be used." },
  supColActions: { sv: "Åtgärd", en: "Action" },
  inviteReadyPackage: { sv: "Har ni redan ett färdigt paket (kollen pack)?", en: "Do you already have a ready package (kollen pack)?" },

  // --- invitation page (the company's journey)
  inviteTitle: { sv: "Inbjudan att lämna in självskattningen", en: "Invitation to submit the self-assessment" },
  inviteIntro: {
    sv: "{authority} har bjudit in er organisation att lämna in resultatet av självskattningen. Sidan ändrar ingenting förrän ni själva godkänner inbjudan nedan.",
    en: "{authority} has invited your organisation to submit the result of the self-assessment. This page changes nothing until you accept the invitation below.",
  },
  inviteChecking: { sv: "Kontrollerar länken …", en: "Checking the link …" },
  inviteExpires: { sv: "Länken gäller till", en: "The link is valid until" },
  inviteUsesLeft: { sv: "Kvar att använda", en: "Uses left" },
  inviteStepOrg: { sv: "1. Er organisation", en: "1. Your organisation" },
  inviteOrgnrLabel: { sv: "Organisationsnummer", en: "Organisationsnummer (organisation number)" },
  inviteNameLabel: { sv: "Organisationens namn", en: "Name of the organisation" },
  inviteStepKey: { sv: "2. Signeringsnyckel", en: "2. Signing key" },
  inviteKeyIntro: {
    sv: "Resultatet signeras med organisationens nyckel. Skapa en ny nyckel här i webbläsaren – den privata nyckeln lämnar aldrig sidan – eller välj en privat nyckelfil ni redan har (kollen keygen signer).",
    en: "The result is signed with the organisation's key. Make a new key here in the browser – the private key never leaves the page – or choose a private key file you already have (kollen keygen signer).",
  },
  inviteKeyCreate: { sv: "Skapa en ny nyckel i webbläsaren", en: "Make a new key in the browser" },
  inviteKeyLoadLabel: { sv: "eller välj en privat nyckelfil (.jwk)", en: "or choose a private key file (.jwk)" },
  inviteKeyReady: { sv: "Nyckel {kid} är vald.", en: "Key {kid} is chosen." },
  inviteKeyDownload: { sv: "Spara den privata nyckeln", en: "Save the private key" },
  inviteKeySaveHint: {
    sv: "Spara nyckelfilen på ett säkert ställe. Ni behöver den för att lämna in igen; servern har ingen kopia.",
    en: "Keep the key file somewhere safe. You need it to submit again; the server has no copy.",
  },
  inviteStepAccept: { sv: "3. Godkänn inbjudan", en: "3. Accept the invitation" },
  inviteAcceptIntro: {
    sv: "Servern får organisationsnumret, namnet och nyckelns publika halva – inget annat.",
    en: "The server gets the organisationsnummer, the name and the public half of the key – nothing else.",
  },
  inviteAcceptButton: { sv: "Godkänn och registrera nyckeln", en: "Accept and register the key" },
  inviteAccepted: { sv: "Inbjudan är godkänd. Nyckel {kid} är registrerad för {orgnr}.", en: "The invitation has been accepted. Key {kid} is registered for {orgnr}." },
  inviteStepSubmit: { sv: "4. Lämna in resultatet", en: "4. Submit the result" },
  inviteExpiredHeadline: { sv: "Länken har gått ut", en: "The link has expired" },
  inviteExpiredText: { sv: "Be myndigheten som skickade den om en ny länk.", en: "Ask the authority that sent it for a new link." },
  inviteInvalidHeadline: { sv: "Länken är inte giltig", en: "The link is not valid" },
  inviteInvalidText: { sv: "Kontrollera att hela länken kom med när den kopierades, eller be myndigheten om en ny.", en: "Check that the whole link was copied, or ask the authority for a new one." },
  inviteUsedHint: {
    sv: "Länken har redan använts av så många organisationer som den var avsedd för. Har er organisation redan godkänt den kan ni fortsätta med samma nyckel.",
    en: "The link has already been used by as many organisations as it was meant for. If your organisation accepted it before, you can continue with the same key.",
  },
  msgOrgRequired: { sv: "Ange organisationsnummer och namn.", en: "Enter the organisationsnummer and the name." },
  msgKeyRequired: { sv: "Skapa eller välj en signeringsnyckel först.", en: "Make or choose a signing key first." },
  msgKeyOrgMismatch: { sv: "Nyckeln är gjord för {keyorg}, inte för {orgnr}.", en: "The key was made for {keyorg}, not for {orgnr}." },
  msgAcceptFirst: { sv: "Godkänn inbjudan först (steg 3).", en: "Accept the invitation first (step 3)." },
  msgResultOrgMismatch: { sv: "Resultatfilen gäller organisationen {result}, men inlämningen görs för {orgnr}. Välj resultatfilen för {orgnr}.", en: "The result file names the organisation {result}, but the submission is for {orgnr}. Choose the result file of {orgnr}." },

  // --- review
  reviewTitle: { sv: "Granska ett paket", en: "Review a package" },
  reviewIntro: {
    sv: "Dekryptera och kontrollera ett inlämnat paket med myndighetens identitetsfil. Identiteten och innehållet stannar i webbläsaren; inget skickas till servern.",
    en: "Decrypt and check a submitted package with the authority's identity file. The identity and the content stay in the browser; nothing is sent to the server.",
  },
  reviewPackageLabel: { sv: "Paketfil (.kollen)", en: "Package file (.kollen)" },
  reviewIdentityLabel: { sv: "Myndighetens identitetsfil (age, AGE-SECRET-KEY-1… eller AGE-SECRET-KEY-PQ-1…)", en: "The authority's identity file (age, AGE-SECRET-KEY-1… or AGE-SECRET-KEY-PQ-1…)" },
  reviewTrustLabel: { sv: "Registrerade signeringsnycklar (publika JWK-filer, valfritt)", en: "Registered signing keys (public JWK files, optional)" },
  reviewOpenButton: { sv: "Dekryptera och kontrollera", en: "Decrypt and check" },
  reviewClearButton: { sv: "Glöm allt", en: "Forget everything" },
  reviewOuterHeading: { sv: "Yttre kontroll (det servern också kontrollerar)", en: "Outer check (what the server also checks)" },
  reviewInnerHeading: { sv: "Inre kontroll (efter dekryptering)", en: "Inner check (after decryption)" },
  reviewResultHeading: { sv: "Resultat per arbetsområde", en: "Result per work area" },
  reviewAttachmentsHeading: { sv: "Bilagor", en: "Attachments" },
  reviewNoAttachments: { sv: "Paketet har inga bilagor.", en: "The package has no attachments." },
  reviewPreparedBy: { sv: "Ifyllt av", en: "Prepared by" },
  reviewPresented: { sv: "Föredraget för ledningen", en: "Presented to management" },
  reviewComments: { sv: "Kommentarer", en: "Comments" },
  reviewYes: { sv: "ja", en: "yes" },
  reviewNo: { sv: "nej", en: "no" },
  reviewOutcome: { sv: "Utfall", en: "Outcome" },
  reviewReasons: { sv: "Anmärkningar", en: "Remarks" },
  reviewSigner: { sv: "Undertecknare", en: "Signer" },
  reviewInnerOk: {
    sv: "De inre signaturerna är giltiga, gjorda av samma undertecknare som de yttre, bundna till detta manifest, och varje fil stämmer med sin signerade kontrollsumma.",
    en: "The inner signatures are valid, made by the same signers as the outer ones, bound to this manifest, and every file matches its signed digest.",
  },
  reviewModelOk: { sv: "Resultatet stämmer med enkätmodellen {model}.", en: "The result matches the survey model {model}." },
  reviewModelMissing: { sv: "Enkätmodellen {model} finns inte här; välj modellfilen under Fler val.", en: "The survey model {model} is not available here; choose the model file under More options." },
  reviewArea: { sv: "Arbetsområde", en: "Work area" },
  reviewQuestion: { sv: "Fråga", en: "Question" },
  reviewMeasuresTaken: { sv: "Vidtagna åtgärder", en: "Measures taken" },
  reviewPoints: { sv: "Poäng", en: "Points" },
  reviewStatement: { sv: "Påstående", en: "Statement" },
  reviewRating: { sv: "Bedömning", en: "Rating" },
  reviewAverage: { sv: "Medel", en: "Average" },
  reviewDone: { sv: "Paketet är dekrypterat och kontrollerat.", en: "The package has been decrypted and checked." },
  reviewDecrypting: { sv: "Dekrypterar och kontrollerar …", en: "Decrypting and checking …" },
  reviewChooseBoth: { sv: "Välj paketfilen och identitetsfilen.", en: "Choose the package file and the identity file." },
  reviewCleared: { sv: "Identiteten och innehållet är borttagna från sidan.", en: "The identity and the content have been removed from the page." },
  reviewCheckSchema: { sv: "Resultatet följer formatet kollen-result/1", en: "The result follows the kollen-result/1 format" },
  reviewCheckOrganisation: { sv: "Resultatet gäller samma organisation som manifestet", en: "The result is for the same organisation as the manifest" },
  reviewCheckModel: { sv: "Resultatet stämmer med enkätmodellen i manifestet", en: "The result matches the survey model in the manifest" },
  reviewCheckPassed: { sv: "ja", en: "yes" },
  reviewCheckFailed: { sv: "nej", en: "no" },
  reviewKeyringNotChecked: { sv: "Myndighetens nyckellista kunde inte hämtas; mottagarnycklarna är inte kontrollerade.", en: "The authority's key list could not be fetched; the recipient keys were not checked." },
  reviewSignerUnknownHint: {
    sv: "OBESTÄMD betyder här att signaturen är giltig men att undertecknarens nyckel inte är känd på den här sidan. Välj organisationens registrerade nyckel under Fler val, eller jämför nyckel-id med registret.",
    en: "INDETERMINATE here means that the signature is valid but the signer's key is not known on this page. Choose the organisation's registered key under More options, or compare the key id with the registry.",
  },
  reviewFailedOuter: { sv: "Paketet klarade inte den yttre kontrollen och har inte dekrypterats.", en: "The package failed the outer check and was not decrypted." },
  // --- login and the admin view (issue 4 § 3–6)
  loginTitle: { sv: "Logga in", en: "Log in" },
  loginIntro: { sv: "För handläggare hos {authority}: granskare, administratörer, tillsynshandläggare och analytiker.", en: "For staff at {authority}: reviewers, administrators, supervisors and analysts." },
  loginUsername: { sv: "Användarnamn", en: "Username" },
  loginPassword: { sv: "Lösenord", en: "Password" },
  loginButton: { sv: "Logga in", en: "Log in" },
  loginError_LOGIN_FAILED: { sv: "Fel användarnamn eller lösenord.", en: "Wrong username or password." },
  loginError_RATE_LIMITED: { sv: "För många misslyckade inloggningar. Vänta 15 minuter och försök igen.", en: "Too many failed logins. Wait 15 minutes and try again." },
  loginError_CSRF_INVALID: { sv: "Sidan var för gammal. Ladda om den och försök igen.", en: "The page was too old. Reload it and try again." },
  loginError_other: { sv: "Inloggningen misslyckades. Försök igen.", en: "The login failed. Please try again." },
  admTitle: { sv: "Handläggarvy", en: "Staff view" },
  admLoggedInAs: { sv: "Inloggad som {user} ({roles})", en: "Logged in as {user} ({roles})" },
  admLogout: { sv: "Logga ut", en: "Log out" },
  admLogoutAll: { sv: "Logga ut överallt", en: "Log out everywhere" },
  admQueue: { sv: "Inlämningar att granska", en: "Submissions to review" },
  admFilter: { sv: "Filtrera", en: "Filter" },
  admAll: { sv: "alla", en: "all" },
  admCampaign: { sv: "Insamling", en: "Campaign" },
  admStatus: { sv: "Status", en: "Status" },
  admGroup: { sv: "Aktörsgrupp", en: "Actor group" },
  admFlag: { sv: "Flagga", en: "Flag" },
  admReceived: { sv: "Mottagen", en: "Received" },
  admOpen: { sv: "Öppna", en: "Open" },
  admNone: { sv: "Inga inlämningar matchar.", en: "No submissions match." },
  admDetail: { sv: "Inlämning", en: "Submission" },
  admVerification: { sv: "Serverns kontroll", en: "The server's check" },
  admHistory: { sv: "Historik (samma organisation och insamling)", en: "History (same organisation and campaign)" },
  admCoverage: { sv: "Täckning", en: "Coverage" },
  admConfirm: { sv: "Bekräfta", en: "Confirm" },
  admRefuse: { sv: "Avslå", en: "Refuse" },
  admDecrypt: { sv: "Dekryptera i webbläsaren", en: "Decrypt in the browser" },
  admDecryptIntro: { sv: "Paketet hämtas krypterat. Identitetsfilen läses bara här på sidan och skickas aldrig.", en: "The package is downloaded encrypted. The identity file is read on this page only and is never sent." },
  admDecryptButton: { sv: "Hämta och dekryptera", en: "Download and decrypt" },
  admDownload: { sv: "Ladda ner paketet (krypterat)", en: "Download the package (encrypted)" },
  admDecision: { sv: "Beslut", en: "Decision" },
  admApprove: { sv: "Godkänn", en: "Approve" },
  admReject: { sv: "Avvisa", en: "Reject" },
  admReason: { sv: "Motivering", en: "Reason" },
  admSaveDecision: { sv: "Spara beslut", en: "Save decision" },
  admDecisionSaved: { sv: "Beslutet är sparat. Status: {status} ({approvals}/{needed} godkännanden).", en: "The decision is saved. Status: {status} ({approvals}/{needed} approvals)." },
  admDecisions: { sv: "Beslut hittills", en: "Decisions so far" },
  admManual: { sv: "Registrera inlämning som kommit på annat sätt", en: "Register a submission received another way" },
  admChannel: { sv: "Kanal", en: "Channel" },
  admChannel_paper: { sv: "papper", en: "paper" },
  admChannel_email: { sv: "e-post", en: "e-mail" },
  admChannel_other: { sv: "annat", en: "other" },
  admNote: { sv: "Anteckning", en: "Note" },
  admRegister: { sv: "Registrera", en: "Register" },
  admRegistered: { sv: "Registrerad.", en: "Registered." },
  admAudit: { sv: "Granskningslogg", en: "Audit log" },
  admChainOk: { sv: "Kedjan är obruten ({events} händelser).", en: "The chain is intact ({events} events)." },
  admChainBroken: { sv: "Kedjan är BRUTEN vid händelse {seq} ({reason}).", en: "The chain is BROKEN at event {seq} ({reason})." },
  admUsers: { sv: "Konton", en: "Accounts" },
  admAddUser: { sv: "Lägg till konto", en: "Add account" },
  admRoles: { sv: "Roller", en: "Roles" },
  admExport: { sv: "Export för analys", en: "Export for analysis" },
  admExportIntro: { sv: "De godkända paketen i en insamling som en tar-fil med signerat index. Paketen är fortfarande krypterade.", en: "The approved packages of a campaign as one tar file with a signed index. The packages stay encrypted." },
  admExportButton: { sv: "Ladda ner export", en: "Download export" },
  admWhen: { sv: "Tid", en: "Time" },
  admAction: { sv: "Händelse", en: "Event" },
  admActor: { sv: "Vem", en: "Who" },
  admSubject: { sv: "Gäller", en: "Subject" },
  fieldPayloadSize: { sv: "Krypterat innehåll", en: "Encrypted content" },
  fieldKitVersion: { sv: "Skapat med", en: "Made with" },
  outcome_PASSED: { sv: "GODKÄND", en: "PASSED" },
  outcome_INDETERMINATE: { sv: "OBESTÄMD", en: "INDETERMINATE" },
  outcome_FAILED: { sv: "UNDERKÄND", en: "FAILED" },

  // --- questionnaire (/besvara) and its feedback
  answerTitle: { sv: "Besvara enkäten", en: "Answer the survey" },
  answerIntro: {
    sv: "Svaren sparas bara i den här webbläsaren, medan ni skriver, per insamling och organisation. Inget svar skickas till servern förrän ni själva signerar och krypterar paketet längst ner – då går det krypterat till {authority}.",
    en: "The answers are saved only in this browser as you go, per campaign and organisation. No answer is sent to the server until you sign and encrypt the package at the bottom – then it goes encrypted to {authority}.",
  },
  answerNoKey: { sv: "Har ni ingen signeringsnyckel? Öppna inbjudningslänken från {authority} – där skapar ni nyckeln. Saknar ni länk, kontakta {authority}.", en: "No signing key? Open the invitation link from {authority} – that is where you make the key. No link? Contact {authority}." },
  campaignPick: { sv: "Välj insamling", en: "Choose a campaign" },
  campaignLoading: { sv: "Hämtar insamlingarna …", en: "Fetching the campaigns …" },
  campaignNone: { sv: "Ingen insamling är öppen just nu.", en: "No campaign is open right now." },
  answerOrgnrHint: { sv: "Tio siffror, till exempel 212000-9994. Utkastet sparas per organisation.", en: "Ten digits, for example 212000-9994. The draft is saved per organisation." },
  answerStart: { sv: "Börja", en: "Start" },
  answerSaveFile: { sv: "Spara som fil", en: "Save as file" },
  answerOpenFile: { sv: "Öppna fil (result.json eller ifylld arbetsbok .xlsx)", en: "Open file (result.json or a filled .xlsx workbook)" },
  answerWorkbook: { sv: "Ladda ner som Excel-arbetsbok", en: "Download as an Excel workbook" },
  msgWorkbookReady: { sv: "Arbetsboken är nedladdad. Fyll i kolumnen Svar och öppna den här igen.", en: "The workbook is downloaded. Fill in the answer column and open it here again." },
  answerClear: { sv: "Rensa", en: "Clear" },
  answerClearConfirm: { sv: "Radera utkastet i den här webbläsaren? Det går inte att ångra.", en: "Delete the draft in this browser? This cannot be undone." },
  answerPrintFeedback: { sv: "Skriv ut återkopplingen", en: "Print the feedback" },
  answerToolbar: { sv: "Utkast", en: "Draft" },
  answerNoMeasure: { sv: "Ingen av åtgärderna är vidtagen", en: "None of the measures is taken" },
  answerProgress: { sv: "{answered} av {total} frågor besvarade", en: "{answered} of {total} questions answered" },
  answerProgressStatements: { sv: "{answered} av {total} påståenden besvarade", en: "{answered} of {total} statements answered" },
  answerMeasurePoints: { sv: "nivå {level}, {points} p", en: "level {level}, {points} p" },
  answerAbout: { sv: "Om inlämningen", en: "About the submission" },
  answerPreparedName: { sv: "Ifylld av (namn)", en: "Prepared by (name)" },
  answerPreparedRole: { sv: "Roll", en: "Role" },
  answerPreparedEmail: { sv: "E-post (valfritt)", en: "E-mail (optional)" },
  answerPresented: { sv: "Resultatet är presenterat för ledningen", en: "The result has been presented to management" },
  answerPresentedDate: { sv: "Datum för presentationen (valfritt)", en: "Date of the presentation (optional)" },
  answerComments: { sv: "Kommentarer (valfritt)", en: "Comments (optional)" },
  answerSendHeading: { sv: "Signera, kryptera och skicka in", en: "Sign, encrypt and submit" },
  answerSendIntro: { sv: "Svaren ovan blir result.json, signeras med organisationens nyckel och krypteras här i webbläsaren. Servern får bara det krypterade paketet.", en: "The answers above become result.json, signed with the organisation's key and encrypted here in the browser. The server gets only the encrypted package." },
  msgDraftSaved: { sv: "Utkastet är sparat i webbläsaren ({time}).", en: "The draft is saved in the browser ({time})." },
  msgDraftRestored: { sv: "Ett sparat utkast är öppnat.", en: "A saved draft is open." },
  msgDraftCleared: { sv: "Utkastet är raderat.", en: "The draft is deleted." },
  msgDraftUnavailable: { sv: "Webbläsaren kan inte spara utkast (IndexedDB saknas eller är avstängd). Spara svaren som fil.", en: "The browser cannot keep drafts (IndexedDB is missing or off). Save the answers as a file." },
  msgFileOpened: { sv: "Filen är öppnad: {count} svar.", en: "The file is open: {count} answers." },
  msgFileSaved: { sv: "result.json är sparad.", en: "result.json is saved." },
  msgUnanswered: { sv: "{count} frågor eller påståenden saknar svar. Filen sparas ändå; inlämningen kräver svar på alla.", en: "{count} questions or statements have no answer. The file is saved anyway; the submission needs them all." },
  msgUnansweredSend: { sv: "{count} frågor eller påståenden saknar svar. Besvara alla innan ni skickar in.", en: "{count} questions or statements have no answer. Answer them all before submitting." },
  msgPickCampaignOrg: { sv: "Välj insamling och ange ett giltigt organisationsnummer.", en: "Choose a campaign and enter a valid organisationsnummer." },
  msgNeedPreparedBy: { sv: "Fyll i namn och roll under ”Om inlämningen”.", en: "Fill in name and role under “About the submission”." },
  msgFileOtherModel: { sv: "Filen är svar på modellen {file}, men insamlingen använder {model}.", en: "The file answers the model {file}, but the campaign uses {model}." },
  msgFileOtherOrg: { sv: "Filen gäller organisationen {file}, inte {org}.", en: "The file is for the organisation {file}, not {org}." },
  msgModelUnavailable: { sv: "Insamlingens enkätmodell finns inte på servern. Kontakta {authority}.", en: "The campaign's survey model is not on the server. Contact {authority}." },
  fbHeading: { sv: "Återkoppling", en: "Feedback" },
  fbLevel: { sv: "Nivå", en: "Level" },
  fbNotReached: { sv: "Nivå 1 är inte uppnådd.", en: "Level 1 is not reached." },
  fbFractional: { sv: "Nivå med decimaler", en: "Fractional level" },
  fbPoints: { sv: "Poäng", en: "Points" },
  fbOf: { sv: "{points} av {max}", en: "{points} of {max}" },
  fbAreas: { sv: "Arbetsområden", en: "Work areas" },
  fbArea: { sv: "Arbetsområde", en: "Work area" },
  fbAreaLevel: { sv: "Indikativ nivå", en: "Indicative level" },
  fbAnswered: { sv: "Besvarade", en: "Answered" },
  fbAreaNote: { sv: "Ett arbetsområdes indikativa nivå kan ligga över organisationens nivå: nivå 1 kan saknas i ett annat område.", en: "A work area's indicative level can be above the organisation's: level 1 may be missing in another area." },
  fbNext: { sv: "Till nivå {level} ({name})", en: "To level {level} ({name})" },
  fbTop: { sv: "Högsta nivån är uppnådd.", en: "The highest level is reached." },
  fbOpenQuestions: { sv: "Vidta minst en åtgärd på var och en av dessa {count} frågor:", en: "Take at least one measure on each of these {count} questions:" },
  fbMoreMeasures: { sv: "Vidta {count} åtgärder till, till exempel (lägst nivå först):", en: "Take {count} more measures, for example (lowest level first):" },
  fbAndMore: { sv: "… och {count} till", en: "… and {count} more" },
  fbMean: { sv: "Medelvärde", en: "Mean" },
  fbNoValue: { sv: "inget besvarat", en: "nothing answered" },
  receiptPrint: { sv: "Skriv ut kvittot", en: "Print the receipt" },
  receiptCheckLater: {
    sv: "Så ser ni status senare: öppna Kollens startsida, ”Se status för en inlämning”, och välj kvittofilen (kvitto-….jws) eller klistra in kvittotexten. Spara kvittot tillsammans med den här utskriften.",
    en: "To see the status later: open Kollen's start page, “See the status of a submission”, and choose the receipt file (kvitto-….jws) or paste the receipt text. Keep the receipt with this printout.",
  },
  inviteAnswerLink: { sv: "Inget resultat ännu? Besvara enkäten i webbläsaren – med nyckeln ni gjort här skickar ni sedan in därifrån.", en: "No result yet? Answer the survey in the browser – then submit from there with the key made here." },
  portalAnswerLink: { sv: "Har ni inget resultat ännu? Besvara enkäten här i webbläsaren.", en: "No result yet? Answer the survey here in the browser." },
});

export type TextKey = keyof typeof TEXT;

/**
 * A text in `lang` with `{name}` placeholders filled.
 * @example t("sv", "msgAccepted", { status: "mottagen" })
 */
export function t(lang: Lang, key: TextKey, vars?: Record<string, string | number>): string {
  let s = TEXT[key][lang];
  if (vars) for (const [k, v] of Object.entries(vars)) s = s.replaceAll(`{${k}}`, String(v));
  return s;
}

/**
 * The Swedish genitive of a name: `:s` after an abbreviation or a digit (MSB:s, MCF:s), nothing
 * after s, x or z (Kronoberg Vatten AB:s; Rosengrens), else `s` (Skatteverkets).
 * @example genitiveSv("MSB") // "MSB:s"
 */
export function genitiveSv(name: string): string {
  if (/[A-ZÅÄÖ0-9]$/.test(name)) return `${name}:s`;
  return /[sxz]$/i.test(name) ? name : `${name}s`;
}

/** The language named by `value`, or undefined. */
export function parseLang(value: string | null | undefined): Lang | undefined {
  return value === "sv" || value === "en" ? value : undefined;
}

/**
 * The message for an error code in `lang` (schemas/messages.ts: the same words as the server's
 * problem answers and the CLI), falling back to a generic sentence for a code it does not know.
 * @example codeMessage("en", "DECRYPTION_FAILED")
 */
export function codeMessage(lang: Lang, code: string): string {
  return Object.hasOwn(ERROR_MESSAGES, code) ? ERROR_MESSAGES[code as ErrorCode][lang] : lang === "sv" ? "Ett fel uppstod." : "An error occurred.";
}
