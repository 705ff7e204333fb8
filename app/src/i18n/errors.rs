//! The refusals a guardian can meet (signing in, their forms, the network),
//! in every language: French, English and Arabic. `error_message` and
//! `form_messages::message` take these first; the refusals only staff
//! meet stay in those two, in French and English.

use super::catalogue::texts;
use crate::error::FieldProblem;
use crate::locale::Locale;

texts! {
    // A field and why it was refused: « Téléphone : n'est pas au bon format. »
    field_problem {
        fr: "{field} : {problem}.",
        en: "{field}: {problem}.",
        ar: "{field}: {problem}.",
    }

    // The plain reasons.
    missing {
        fr: "est obligatoire",
        en: "is required",
        ar: "إلزامي",
    }
    too_short {
        fr: "est trop court",
        en: "is too short",
        ar: "قصير جدًا",
    }
    too_long {
        fr: "est trop long",
        en: "is too long",
        ar: "طويل جدًا",
    }
    malformed {
        fr: "n'est pas au bon format",
        en: "is not in the right format",
        ar: "ليس بالصيغة الصحيحة",
    }
    mismatch {
        fr: "ne correspond pas au mot de passe",
        en: "does not match the password",
        ar: "لا يطابق كلمة المرور",
    }
    unknown {
        fr: "n'est pas reconnu",
        en: "is not recognised",
        ar: "غير معروف",
    }
    control {
        fr: "contient un caractère invisible qui n'est pas accepté (copié d'un autre logiciel ?) : retapez-le",
        en: "holds an invisible character that is not accepted (pasted from other software?): type it again",
        ar: "يحتوي على حرف غير مرئي غير مقبول (منسوخ من برنامج آخر؟): أعيدوا كتابته",
    }
    guessable {
        fr: "est trop facile à deviner (un mot de passe courant, ou fait de votre nom ou de votre adresse) : choisissez une phrase à vous",
        en: "is too easy to guess (a common password, or made of your name or address): choose a sentence of your own",
        ar: "سهل التخمين جدًا (كلمة مرور شائعة، أو مكوّنة من اسمكم أو عنوانكم): اختاروا جملة خاصة بكم",
    }

    // The names of the fields a guardian fills in.
    field_email {
        fr: "Adresse e-mail",
        en: "E-mail address",
        ar: "عنوان البريد الإلكتروني",
    }
    field_password {
        fr: "Mot de passe",
        en: "Password",
        ar: "كلمة المرور",
    }
    field_password_confirmation {
        fr: "Confirmation du mot de passe",
        en: "Password confirmation",
        ar: "تأكيد كلمة المرور",
    }
    field_current_password {
        fr: "Mot de passe actuel",
        en: "Current password",
        ar: "كلمة المرور الحالية",
    }
    field_code {
        fr: "Code",
        en: "Code",
        ar: "الرمز",
    }
    field_child {
        fr: "Enfant",
        en: "Child",
        ar: "الطفل",
    }
    field_absence_reason {
        fr: "Motif de l'absence",
        en: "Reason for the absence",
        ar: "سبب الغياب",
    }
    field_session {
        fr: "Séance",
        en: "Session",
        ar: "الحصة",
    }
    field_contract_read {
        fr: "Case « J'ai lu et j'accepte »",
        en: "Box \"I have read and accept\"",
        ar: "خانة «قرأت وأوافق»",
    }
    field_event {
        fr: "Rendez-vous",
        en: "Event",
        ar: "الموعد",
    }
    field_guardian_phone {
        fr: "Téléphone du responsable",
        en: "Guardian's phone",
        ar: "هاتف الوليّ",
    }
    field_guardian_email {
        fr: "E-mail du responsable",
        en: "Guardian's e-mail",
        ar: "البريد الإلكتروني للوليّ",
    }
    field_address {
        fr: "Adresse",
        en: "Address",
        ar: "العنوان",
    }
    field_adult {
        fr: "Adulte autorisé",
        en: "Authorised adult",
        ar: "الشخص المسموح له",
    }
    field_adult_name {
        fr: "Nom de l'adulte",
        en: "Adult's name",
        ar: "اسم الشخص",
    }
    field_adult_relationship {
        fr: "Lien avec l'enfant",
        en: "Relationship",
        ar: "صلة القرابة بالطفل",
    }
    field_adult_phone {
        fr: "Téléphone de l'adulte",
        en: "Adult's phone",
        ar: "هاتف الشخص",
    }
    field_message_reply {
        fr: "Réponse",
        en: "Answer",
        ar: "الجواب",
    }

    // The reasons that belong to one field.
    password_too_short {
        fr: "doit compter au moins 12 caractères",
        en: "must have at least 12 characters",
        ar: "يجب أن يتكوّن من 12 حرفًا على الأقل",
    }
    absence_reason_missing {
        fr: "est obligatoire (au moins 3 caractères), par exemple « rendez-vous médical »",
        en: "is required (at least 3 characters), for example \"doctor's appointment\"",
        ar: "إلزامي (3 أحرف على الأقل)، مثلًا «موعد طبي»",
    }
    absence_session_closed {
        fr: "elle a déjà commencé, ou elle est annulée ou close : prévenez directement l'accompagnateur",
        en: "it has already started, or it is cancelled or closed: tell the accompanist directly",
        ar: "لقد بدأت، أو أُلغيت أو أُغلقت: أخبروا المرافق مباشرة",
    }
    contract_read_missing {
        fr: "cochez-la pour accepter le contrat",
        en: "tick it to accept the contract",
        ar: "ضعوا علامة فيها لقبول العقد",
    }
    email_malformed {
        fr: "n'est pas une adresse valide (exemple : prenom.nom@exemple.fr)",
        en: "is not a valid address (e.g. name@example.com)",
        ar: "ليس عنوانًا صالحًا (مثال: name@example.com)",
    }
    email_taken {
        fr: "a déjà un compte",
        en: "already has an account",
        ar: "له حساب من قبل",
    }
    current_password_mismatch {
        fr: "n'est pas votre mot de passe actuel",
        en: "is not your current password",
        ar: "ليست كلمة المرور الحالية",
    }
    code_mismatch {
        fr: "n'est pas le bon : tapez le code que l'application affiche maintenant (vérifiez que l'heure du téléphone est juste), ou un code de secours",
        en: "is not the right one: type the code the app shows now (check the phone's time), or a recovery code",
        ar: "غير صحيح: اكتبوا الرمز الذي يعرضه التطبيق الآن (تأكّدوا من صحة ساعة الهاتف)، أو رمزًا احتياطيًا",
    }
    code_malformed {
        fr: "tapez les 6 chiffres de l'application, ou un code de secours (16 caractères)",
        en: "type the app's 6 digits, or a recovery code (16 characters)",
        ar: "اكتبوا الأرقام الستة التي يعرضها التطبيق، أو رمزًا احتياطيًا (16 حرفًا)",
    }
    code_expired {
        fr: "la connexion a expiré ou a été interrompue : recommencez avec votre mot de passe",
        en: "the sign-in expired or was stopped: start again with your password",
        ar: "انتهت مهلة تسجيل الدخول أو توقّف: ابدؤوا من جديد بكلمة المرور",
    }
    reply_not_asked {
        fr: "ce message ne demande pas cette réponse",
        en: "this message does not ask for this answer",
        ar: "هذه الرسالة لا تطلب هذا الجواب",
    }

    // The refusals of a whole request.
    unauthenticated {
        fr: "Votre session a pris fin. Ce que vous avez saisi reste sur cette page : connectez-vous dans un nouvel onglet, puis envoyez de nouveau.",
        en: "Your session ended. What you typed stays on this page: sign in in a new tab, then send again.",
        ar: "انتهت جلستكم. ما كتبتموه باقٍ في هذه الصفحة: سجّلوا الدخول في علامة تبويب جديدة، ثم أرسلوا من جديد.",
    }
    forbidden {
        fr: "Vous n'avez pas accès à cette page.",
        en: "You do not have access to this page.",
        ar: "لا يمكنكم الوصول إلى هذه الصفحة.",
    }
    not_found {
        fr: "Cette page n'existe pas.",
        en: "This page does not exist.",
        ar: "هذه الصفحة غير موجودة.",
    }
    bad_credentials {
        fr: "Adresse e-mail ou mot de passe incorrect.",
        en: "Wrong e-mail address or password.",
        ar: "عنوان البريد الإلكتروني أو كلمة المرور غير صحيحين.",
    }
    throttled_one {
        fr: "Trop d'essais. Réessayez dans 1 minute.",
        en: "Too many attempts. Try again in 1 minute.",
        ar: "محاولات كثيرة. حاولوا مجددًا بعد دقيقة.",
    }
    throttled_many {
        fr: "Trop d'essais. Réessayez dans {minutes} minutes.",
        en: "Too many attempts. Try again in {minutes} minutes.",
        ar: "محاولات كثيرة. حاولوا مجددًا بعد {minutes} دقائق.",
    }
    busy {
        fr: "Le serveur est très sollicité. Réessayez dans quelques secondes.",
        en: "The server is very busy. Try again in a few seconds.",
        ar: "الخادم مشغول جدًا. حاولوا مجددًا بعد ثوانٍ.",
    }
    invitation_unknown {
        fr: "Ce lien d'invitation n'est pas valable. Demandez-en un nouveau à la coordination.",
        en: "This invitation link is not valid. Ask the coordinator for a new one.",
        ar: "رابط الدعوة هذا غير صالح. اطلبوا رابطًا جديدًا من المنسّقة.",
    }
    invitation_used {
        fr: "Ce lien d'invitation a déjà servi. Connectez-vous avec votre mot de passe.",
        en: "This invitation link was already used. Sign in with your password.",
        ar: "استُعمل رابط الدعوة هذا من قبل. سجّلوا الدخول بكلمة المرور.",
    }
    invitation_expired {
        fr: "Ce lien d'invitation a expiré. Demandez-en un nouveau à la coordination.",
        en: "This invitation link has expired. Ask the coordinator for a new one.",
        ar: "انتهت صلاحية رابط الدعوة هذا. اطلبوا رابطًا جديدًا من المنسّقة.",
    }
    reset_unknown {
        fr: "Ce lien n'est pas valable. Demandez-en un nouveau depuis « Mot de passe oublié ? ».",
        en: "This link is not valid. Ask for a new one from « Forgot your password? ».",
        ar: "هذا الرابط غير صالح. اطلبوا رابطًا جديدًا من «نسيتم كلمة المرور؟».",
    }
    reset_used {
        fr: "Ce lien a déjà servi. Connectez-vous avec votre nouveau mot de passe, ou demandez un nouveau lien.",
        en: "This link was already used. Sign in with your new password, or ask for a new link.",
        ar: "استُعمل هذا الرابط من قبل. سجّلوا الدخول بكلمة المرور الجديدة، أو اطلبوا رابطًا جديدًا.",
    }
    reset_expired {
        fr: "Ce lien a expiré (il vaut une heure). Demandez-en un nouveau depuis « Mot de passe oublié ? ».",
        en: "This link has expired (it works for one hour). Ask for a new one from « Forgot your password? ».",
        ar: "انتهت صلاحية هذا الرابط (صالح لمدة ساعة). اطلبوا رابطًا جديدًا من «نسيتم كلمة المرور؟».",
    }
    stale {
        fr: "Quelqu'un d'autre a modifié ces données entre-temps. La version à jour est affichée.",
        en: "Someone else changed this data meanwhile. The current version is shown.",
        ar: "غيّر شخص آخر هذه البيانات في الأثناء. النسخة المحدّثة معروضة.",
    }
    bad_origin {
        fr: "Cette demande ne vient pas de Passerelle : elle est refusée.",
        en: "This request does not come from Passerelle: it is refused.",
        ar: "هذا الطلب لم يأتِ من «باسريل»: لذلك رُفض.",
    }
    bad_request {
        fr: "La demande est incomplète ou mal formée.",
        en: "The request is incomplete or malformed.",
        ar: "الطلب ناقص أو غير سليم.",
    }
    too_large {
        fr: "La demande est trop volumineuse.",
        en: "The request is too large.",
        ar: "الطلب كبير جدًا.",
    }
    network {
        fr: "Le serveur ne répond pas. Vérifiez la connexion et réessayez.",
        en: "The server does not answer. Check the connection and try again.",
        ar: "الخادم لا يجيب. تحقّقوا من الاتصال وأعيدوا المحاولة.",
    }
    internal {
        fr: "Une erreur est survenue de notre côté. Réessayez dans un instant.",
        en: "Something went wrong on our side. Try again in a moment.",
        ar: "حدث خطأ من جهتنا. أعيدوا المحاولة بعد لحظة.",
    }
}

/// The name of a field a guardian fills in; `None` for the staff's fields.
pub fn family_field(field: &str, l: Locale) -> Option<&'static str> {
    Some(match field {
        "email" => field_email(l),
        "guardian_email" => field_guardian_email(l),
        "password" => field_password(l),
        "password_confirmation" => field_password_confirmation(l),
        "current_password" => field_current_password(l),
        "code" => field_code(l),
        "child" => field_child(l),
        "absence_reason" => field_absence_reason(l),
        "absence_session" => field_session(l),
        "contract_read" => field_contract_read(l),
        "event" | "coming" => field_event(l),
        "guardian_phone" => field_guardian_phone(l),
        "guardian_address" => field_address(l),
        "adult" => field_adult(l),
        "adult_name" => field_adult_name(l),
        "adult_relationship" => field_adult_relationship(l),
        "adult_phone" => field_adult_phone(l),
        "message_reply" => field_message_reply(l),
        _ => return None,
    })
}

/// Why a guardian's field was refused: the field's own reason when it has
/// one, else the plain reason of the problem.
pub fn family_reason(field: &str, problem: FieldProblem, l: Locale) -> &'static str {
    use FieldProblem::*;
    match (field, problem) {
        ("password", TooShort) => password_too_short(l),
        ("absence_reason", Missing) => absence_reason_missing(l),
        ("absence_session", _) => absence_session_closed(l),
        ("contract_read", Missing) => contract_read_missing(l),
        ("email" | "guardian_email", Malformed) => email_malformed(l),
        ("email", Unknown) => email_taken(l),
        ("current_password", Mismatch) => current_password_mismatch(l),
        ("code", Mismatch) => code_mismatch(l),
        ("code", Malformed) => code_malformed(l),
        ("code", Unknown) => code_expired(l),
        ("message_reply", Mismatch) => reply_not_asked(l),
        (_, Missing) => missing(l),
        (_, TooShort) => too_short(l),
        (_, TooLong) => too_long(l),
        (_, Malformed) => malformed(l),
        (_, Mismatch) => mismatch(l),
        (_, Unknown) => unknown(l),
        (_, Control) => control(l),
        (_, Guessable) => guessable(l),
    }
}

/// « Téléphone : n'est pas au bon format. », when `field` is a guardian's.
pub fn family_problem(field: &str, problem: FieldProblem, l: Locale) -> Option<String> {
    let name = family_field(field, l)?;
    Some(super::catalogue::fill(
        field_problem(l),
        &[
            ("field", name),
            ("problem", family_reason(field, problem, l)),
        ],
    ))
}
