//! The text of the pages a guardian reads (the sign-in, the home, a child's
//! page, the absence notice, the contract, the events, the messages, their
//! details), in every language: French, English and Arabic. One entry per
//! key; `catalogue`'s test fails when one lacks a language.

use super::catalogue::texts;

texts! {

    // header.rs
    my_children {
        fr: "Mes enfants",
        en: "My children",
        ar: "أطفالي",
    }
    my_details {
        fr: "Mes coordonnées",
        en: "My details",
        ar: "بياناتي",
    }
    main_navigation {
        fr: "Navigation principale",
        en: "Main navigation",
        ar: "التنقل الرئيسي",
    }
    my_account {
        fr: "Mon compte",
        en: "My account",
        ar: "حسابي",
    }
    sign_out {
        fr: "Se déconnecter",
        en: "Sign out",
        ar: "تسجيل الخروج",
    }

    // auth/pages.rs
    sign_in_title {
        fr: "Connexion",
        en: "Sign in",
        ar: "تسجيل الدخول",
    }
    sign_in_intro {
        fr: "Passerelle accompagne la scolarité des enfants du CLAS (l'aide aux devoirs et aux leçons après l'école). Connectez-vous avec l'adresse e-mail donnée à votre structure.",
        en: "Passerelle supports children in the CLAS programme (help with homework and lessons after school). Sign in with the e-mail address you gave your centre.",
        ar: "يرافق «باسريل» أطفال برنامج CLAS في دراستهم (المساعدة في الواجبات والدروس بعد المدرسة). سجّلوا الدخول بعنوان البريد الإلكتروني الذي أعطيتموه لمؤسستكم.",
    }
    password_changed_sign_in {
        fr: "Votre mot de passe a changé. Connectez-vous avec le nouveau : vos autres appareils ont été déconnectés.",
        en: "Your password has changed. Sign in with the new one: your other devices were signed out.",
        ar: "تغيّرت كلمة المرور. سجّلوا الدخول بالكلمة الجديدة: تمّ تسجيل خروج أجهزتكم الأخرى.",
    }
    email_address {
        fr: "Adresse e-mail",
        en: "E-mail address",
        ar: "عنوان البريد الإلكتروني",
    }
    password {
        fr: "Mot de passe",
        en: "Password",
        ar: "كلمة المرور",
    }
    sign_in {
        fr: "Se connecter",
        en: "Sign in",
        ar: "دخول",
    }
    forgot_password {
        fr: "Mot de passe oublié ?",
        en: "Forgot your password?",
        ar: "نسيتم كلمة المرور؟",
    }
    no_account_yet {
        fr: "Pas encore de compte ? La coordination de votre structure vous envoie un lien d'invitation.",
        en: "No account yet? Your centre's coordinator sends you an invitation link.",
        ar: "ليس لديكم حساب بعد؟ ترسل لكم منسّقة مؤسستكم رابط دعوة.",
    }
    create_your_account {
        fr: "Créer votre compte",
        en: "Create your account",
        ar: "أنشئوا حسابكم",
    }
    your_sign_in_email {
        fr: "Votre adresse e-mail de connexion : ",
        en: "Your sign-in e-mail address: ",
        ar: "عنوان بريدكم الإلكتروني لتسجيل الدخول: ",
    }
    create_my_account {
        fr: "Créer mon compte",
        en: "Create my account",
        ar: "إنشاء حسابي",
    }
    password_hint {
        fr: "Au moins 12 caractères. Une phrase facile à retenir convient très bien.",
        en: "At least 12 characters. A sentence that is easy to remember works well.",
        ar: "12 حرفًا على الأقل. جملة يسهل تذكّرها تفي بالغرض.",
    }
    confirm_password {
        fr: "Confirmez le mot de passe",
        en: "Confirm the password",
        ar: "أكّدوا كلمة المرور",
    }
    sign_in_code {
        fr: "Code de connexion",
        en: "Sign-in code",
        ar: "رمز الدخول",
    }
    second_factor_intro {
        fr: "Votre compte donne accès aux dossiers des enfants : il est protégé par un code de votre téléphone en plus du mot de passe. Mettez-le en place une fois, maintenant.",
        en: "Your account gives access to the children's records: it is protected by a code from your phone on top of the password. Set it up once, now.",
        ar: "يتيح حسابكم الوصول إلى ملفات الأطفال: لذلك يحميه رمز من هاتفكم إضافةً إلى كلمة المرور. اضبطوه مرة واحدة، الآن.",
    }
    six_digit_code {
        fr: "Code à 6 chiffres",
        en: "6-digit code",
        ar: "رمز من 6 أرقام",
    }
    six_digit_or_recovery_code {
        fr: "Code à 6 chiffres ou code de secours",
        en: "6-digit code or recovery code",
        ar: "رمز من 6 أرقام أو رمز احتياطي",
    }
    confirm {
        fr: "Valider",
        en: "Confirm",
        ar: "تأكيد",
    }
    start_sign_in_again {
        fr: "Recommencer la connexion",
        en: "Start the sign-in again",
        ar: "إعادة تسجيل الدخول من البداية",
    }

    // auth/recovery/pages.rs
    forgotten_password {
        fr: "Mot de passe oublié",
        en: "Forgotten password",
        ar: "نسيان كلمة المرور",
    }
    forgotten_password_intro {
        fr: "Tapez l'adresse e-mail de votre compte : nous vous envoyons un lien pour choisir un nouveau mot de passe.",
        en: "Type your account's e-mail address: we send you a link to choose a new password.",
        ar: "اكتبوا عنوان البريد الإلكتروني لحسابكم: سنرسل لكم رابطًا لاختيار كلمة مرور جديدة.",
    }
    send_me_the_link {
        fr: "Recevoir le lien",
        en: "Send me the link",
        ar: "أرسلوا لي الرابط",
    }
    reset_link_sent {
        fr: "Si un compte existe pour cette adresse, un courriel vient de partir avec un lien valable une heure. Pensez à regarder dans les courriers indésirables.",
        en: "If an account exists for this address, a mail has just left with a link that works for one hour. Look in your spam folder too.",
        ar: "إن كان هناك حساب بهذا العنوان، فقد أُرسلت للتوّ رسالة فيها رابط صالح لمدة ساعة. انظروا أيضًا في البريد غير المرغوب فيه.",
    }
    no_email_ask_invitation {
        fr: "Pas d'adresse e-mail, ou pas de courriel reçu ? La coordination de votre structure peut vous envoyer une nouvelle invitation.",
        en: "No e-mail address, or no mail received? Your centre's coordinator can send you a new invitation.",
        ar: "لا عنوان بريد إلكتروني، أو لم تصلكم الرسالة؟ يمكن لمنسّقة مؤسستكم أن ترسل لكم دعوة جديدة.",
    }
    back_to_sign_in {
        fr: "Retour à la connexion",
        en: "Back to sign-in",
        ar: "العودة إلى تسجيل الدخول",
    }
    new_password {
        fr: "Nouveau mot de passe",
        en: "New password",
        ar: "كلمة المرور الجديدة",
    }
    account_label {
        fr: "Compte : ",
        en: "Account: ",
        ar: "الحساب: ",
    }
    devices_signed_out_after {
        fr: "Après ce changement, tous vos appareils seront déconnectés.",
        en: "After this change, every device of yours is signed out.",
        ar: "بعد هذا التغيير، يُسجَّل خروج جميع أجهزتكم.",
    }
    save_password {
        fr: "Enregistrer le mot de passe",
        en: "Save the password",
        ar: "حفظ كلمة المرور",
    }
    ask_new_link {
        fr: "Demander un nouveau lien",
        en: "Ask for a new link",
        ar: "طلب رابط جديد",
    }

    // components/notice.rs
    access_denied {
        fr: "Accès refusé",
        en: "Access denied",
        ar: "الدخول مرفوض",
    }
    page_not_found {
        fr: "Page introuvable",
        en: "Page not found",
        ar: "الصفحة غير موجودة",
    }
    something_went_wrong {
        fr: "Un problème est survenu",
        en: "Something went wrong",
        ar: "حدثت مشكلة",
    }
    back_home {
        fr: "Revenir à l'accueil",
        en: "Back to the home page",
        ar: "العودة إلى الصفحة الرئيسية",
    }
    loading {
        fr: "Chargement…",
        en: "Loading…",
        ar: "جارٍ التحميل…",
    }

    // lazy.rs
    page_could_not_open {
        fr: "Cette page n'a pas pu s'ouvrir",
        en: "This page could not open",
        ar: "تعذّر فتح هذه الصفحة",
    }
    connection_dropped_loading {
        fr: "La connexion s'est interrompue pendant son chargement. Vérifiez le réseau, puis réessayez.",
        en: "The connection dropped while it was loading. Check the network, then try again.",
        ar: "انقطع الاتصال أثناء تحميلها. تحقّقوا من الشبكة، ثم أعيدوا المحاولة.",
    }
    try_again {
        fr: "Réessayer",
        en: "Try again",
        ar: "إعادة المحاولة",
    }

    // family/pages.rs
    no_child_linked {
        fr: "Aucun enfant n'est rattaché à votre compte.",
        en: "No child is linked to your account.",
        ar: "لا يوجد طفل مرتبط بحسابكم.",
    }
    next_session_label {
        fr: "Prochaine séance : ",
        en: "Next session: ",
        ar: "الحصة القادمة: ",
    }
    no_session_planned {
        fr: "Pas de séance prévue.",
        en: "No session planned.",
        ar: "لا توجد حصة مقرّرة.",
    }
    family_events_title {
        fr: "Rendez-vous pour les familles",
        en: "Events for families",
        ar: "مواعيد للعائلات",
    }
    family_events_intro {
        fr: "Réunions, séances avec vos enfants, fêtes : dites à l'équipe si vous venez.",
        en: "Meetings, sessions with your children, parties: tell the team whether you will come.",
        ar: "اجتماعات، حصص مع أطفالكم، احتفالات: أخبروا الفريق إن كنتم ستحضرون.",
    }
    no_event_planned {
        fr: "Pas de rendez-vous prévu pour le moment.",
        en: "No event planned for now.",
        ar: "لا يوجد موعد مقرّر حاليًا.",
    }
    group_word {
        fr: "groupe",
        en: "group",
        ar: "المجموعة",
    }
    answered_coming {
        fr: "Vous avez répondu : je viendrai.",
        en: "You answered: I will come.",
        ar: "أجبتم: سأحضر.",
    }
    answered_not_coming {
        fr: "Vous avez répondu : je ne pourrai pas venir.",
        en: "You answered: I cannot come.",
        ar: "أجبتم: لن أتمكّن من الحضور.",
    }
    will_come {
        fr: "Je viendrai",
        en: "I will come",
        ar: "سأحضر",
    }
    cannot_come {
        fr: "Je ne pourrai pas venir",
        en: "I cannot come",
        ar: "لن أتمكّن من الحضور",
    }
    calendar_title {
        fr: "Les séances dans l'agenda de votre téléphone",
        en: "Sessions in your phone's calendar",
        ar: "الحصص في تقويم هاتفكم",
    }
    calendar_intro {
        fr: "Votre agenda (Google Agenda, Calendrier de l'iPhone…) peut afficher les séances de vos enfants et se mettre à jour tout seul. Une séance annulée y apparaît comme annulée.",
        en: "Your calendar app (Google Calendar, iPhone Calendar…) can show your children's sessions and update itself. A cancelled session shows as cancelled.",
        ar: "يمكن لتقويمكم (تقويم Google، تقويم iPhone…) أن يعرض حصص أطفالكم ويتحدّث تلقائيًا. الحصة الملغاة تظهر فيه ملغاة.",
    }
    calendar_create {
        fr: "Créer mon adresse d'agenda",
        en: "Create my calendar address",
        ar: "إنشاء عنوان تقويمي",
    }
    calendar_private_address {
        fr: "Votre adresse privée",
        en: "Your private address",
        ar: "عنوانكم الخاص",
    }
    calendar_do_not_share {
        fr: "Ne la partagez pas : qui a cette adresse voit les séances de vos enfants. Si vous l'avez partagée par erreur, changez-la.",
        en: "Do not share it: whoever has this address sees your children's sessions. If you shared it by mistake, change it.",
        ar: "لا تشاركوه: من لديه هذا العنوان يرى حصص أطفالكم. إن شاركتموه خطأً، فغيّروه.",
    }
    calendar_add {
        fr: "Ajouter à mon agenda",
        en: "Add to my calendar",
        ar: "إضافة إلى تقويمي",
    }
    calendar_change {
        fr: "Changer d'adresse (l'ancienne ne marchera plus)",
        en: "Change the address (the old one stops working)",
        ar: "تغيير العنوان (لن يعمل العنوان القديم بعد ذلك)",
    }
    calendar_delete {
        fr: "Supprimer l'adresse",
        en: "Delete the address",
        ar: "حذف العنوان",
    }
    no_session_four_weeks {
        fr: "Pas de séance prévue dans les quatre semaines.",
        en: "No session planned in the next four weeks.",
        ar: "لا توجد حصة مقرّرة خلال الأسابيع الأربعة القادمة.",
    }
    next_sessions {
        fr: "Prochaines séances",
        en: "Next sessions",
        ar: "الحصص القادمة",
    }
    attendance {
        fr: "Présence",
        en: "Attendance",
        ar: "الحضور",
    }
    this_term {
        fr: "Ce trimestre",
        en: "This term",
        ar: "هذا الفصل",
    }
    since_school_start {
        fr: "Depuis la rentrée",
        en: "Since the start of the school year",
        ar: "منذ الدخول المدرسي",
    }
    no_session_marked {
        fr: "Pas encore de séance marquée",
        en: "No session marked yet",
        ar: "لم تُسجَّل أي حصة بعد",
    }
    attendance_by_month_none {
        fr: "Présence par mois : pas encore de séance marquée.",
        en: "Attendance by month: no session marked yet.",
        ar: "الحضور حسب الشهر: لم تُسجَّل أي حصة بعد.",
    }
    attendance_by_month {
        fr: "Présence par mois :",
        en: "Attendance by month:",
        ar: "الحضور حسب الشهر:",
    }
    attendance_chart_caption {
        fr: "Part des séances où l'enfant est venu, mois par mois.",
        en: "Share of sessions the child came to, month by month.",
        ar: "نسبة الحصص التي حضرها الطفل، شهرًا بشهر.",
    }
    contract_read_accept {
        fr: "J'ai lu et j'accepte le contrat",
        en: "I have read and accept the contract",
        ar: "قرأت العقد وأوافق عليه",
    }
    contract_title {
        fr: "Le contrat d'accompagnement",
        en: "The support contract",
        ar: "عقد المرافقة",
    }
    contract_intro {
        fr: "Il engage l'enfant, sa famille, l'équipe et l'école pour l'année.",
        en: "It binds the child, the family, the team and the school for the year.",
        ar: "يُلزم الطفلَ وعائلته والفريقَ والمدرسةَ طوال السنة.",
    }
    contract_goals {
        fr: "Les objectifs",
        en: "The goals",
        ar: "الأهداف",
    }
    contract_commitments {
        fr: "Les engagements",
        en: "The commitments",
        ar: "الالتزامات",
    }
    cancelled_label {
        fr: "Annulée :",
        en: "Cancelled:",
        ar: "ملغاة:",
    }
    absence_reported_label {
        fr: "Absence signalée :",
        en: "Absence reported:",
        ar: "تمّ الإبلاغ عن غياب:",
    }
    report_absence {
        fr: "Prévenir d'une absence",
        en: "Report an absence",
        ar: "الإبلاغ عن غياب",
    }
    absence_why {
        fr: "Pourquoi ? (l'équipe le lira)",
        en: "Why? (the team will read it)",
        ar: "لماذا؟ (سيقرؤه الفريق)",
    }
    send {
        fr: "Envoyer",
        en: "Send",
        ar: "إرسال",
    }

    // family/details/pages.rs
    details_check_asked {
        fr: "La structure vous demande de vérifier vos coordonnées pour cette année. Corrigez-les ci-dessous, ou dites qu'elles sont à jour.",
        en: "The centre asks you to check your details for this year. Correct them below, or say they are up to date.",
        ar: "تطلب منكم المؤسسة التحقّق من بياناتكم لهذه السنة. صحّحوها أدناه، أو أخبرونا أنها محدّثة.",
    }
    details_up_to_date {
        fr: "Mes coordonnées sont à jour",
        en: "My details are up to date",
        ar: "بياناتي محدّثة",
    }
    phone {
        fr: "Téléphone",
        en: "Phone",
        ar: "الهاتف",
    }
    email {
        fr: "E-mail",
        en: "E-mail",
        ar: "البريد الإلكتروني",
    }
    address {
        fr: "Adresse",
        en: "Address",
        ar: "العنوان",
    }
    details_saved {
        fr: "Coordonnées enregistrées.",
        en: "Details saved.",
        ar: "تمّ حفظ البيانات.",
    }
    save {
        fr: "Enregistrer",
        en: "Save",
        ar: "حفظ",
    }
    who_may_take_home {
        fr: "Qui peut venir chercher",
        en: "Who may take home",
        ar: "من يمكنه اصطحاب الطفل",
    }
    nobody_but_you {
        fr: "Personne d'autre que vous.",
        en: "Nobody but you.",
        ar: "لا أحد غيركم.",
    }
    adult_pending {
        fr: "en attente de validation par la structure",
        en: "waiting for the centre's approval",
        ar: "في انتظار موافقة المؤسسة",
    }
    propose_someone {
        fr: "Proposer une personne",
        en: "Propose someone",
        ar: "اقتراح شخص",
    }
    adult_checked_by_team {
        fr: "L'équipe vérifie chaque personne avant de la laisser repartir avec votre enfant.",
        en: "The team checks each person before letting them leave with your child.",
        ar: "يتحقّق الفريق من كل شخص قبل أن يسمح له بالمغادرة مع طفلكم.",
    }
    name {
        fr: "Nom",
        en: "Name",
        ar: "الاسم",
    }
    relationship {
        fr: "Lien avec l'enfant",
        en: "Relationship to the child",
        ar: "صلة القرابة بالطفل",
    }
    propose {
        fr: "Proposer",
        en: "Propose",
        ar: "اقتراح",
    }
    details_check_title {
        fr: "Vérifiez vos coordonnées pour cette année",
        en: "Check your details for this year",
        ar: "تحقّقوا من بياناتكم لهذه السنة",
    }
    details_check_intro {
        fr: "La structure vous le demande : téléphone, e-mail, adresse et personnes autorisées à venir chercher vos enfants.",
        en: "The centre asks you to: phone, e-mail, address and the people allowed to take your children home.",
        ar: "تطلب منكم المؤسسة ذلك: الهاتف، البريد الإلكتروني، العنوان والأشخاص المسموح لهم باصطحاب أطفالكم.",
    }
    details_check_button {
        fr: "Vérifier mes coordonnées",
        en: "Check my details",
        ar: "التحقّق من بياناتي",
    }

    // messages/pages.rs
    message {
        fr: "Message",
        en: "Message",
        ar: "رسالة",
    }
    about {
        fr: "Au sujet de",
        en: "About",
        ar: "بخصوص",
    }
    back {
        fr: "← Retour",
        en: "← Back",
        ar: "→ رجوع",
    }
    answered_received {
        fr: "Vous avez répondu : j'ai bien reçu.",
        en: "You answered: I have received it.",
        ar: "أجبتم: تمّ الاستلام.",
    }
    answered_yes {
        fr: "Vous avez répondu : oui.",
        en: "You answered: yes.",
        ar: "أجبتم: نعم.",
    }
    answered_no {
        fr: "Vous avez répondu : non.",
        en: "You answered: no.",
        ar: "أجبتم: لا.",
    }
    your_answer {
        fr: "Votre réponse",
        en: "Your answer",
        ar: "جوابكم",
    }
    messages {
        fr: "Messages",
        en: "Messages",
        ar: "الرسائل",
    }
    no_message {
        fr: "Aucun message pour le moment.",
        en: "No message for now.",
        ar: "لا توجد رسائل حاليًا.",
    }
    new_badge {
        fr: "Nouveau",
        en: "New",
        ar: "جديد",
    }
    answer_awaited {
        fr: "Réponse attendue",
        en: "Answer awaited",
        ar: "جواب منتظر",
    }

    // messages/types.rs
    original_recipients {
        fr: "Destinataires d'origine",
        en: "Original recipients",
        ar: "المرسَل إليهم في الأصل",
    }

    // auth/pages.rs: with values
    invitation_hello {
        fr: "Bonjour {name}. {organisation} vous invite sur Passerelle.",
        en: "Hello {name}. {organisation} invites you to Passerelle.",
        ar: "مرحبًا {name}. تدعوكم {organisation} إلى «باسريل».",
    }
    type_the_code {
        fr: "Bonjour {name}. Tapez le code que votre application d'authentification affiche.",
        en: "Hello {name}. Type the code your authenticator app shows.",
        ar: "مرحبًا {name}. اكتبوا الرمز الذي يعرضه تطبيق المصادقة لديكم.",
    }

    // family/pages.rs: with values
    attendance_rate {
        fr: "Venu(e) à {rate} % des séances ({came} sur {marked})",
        en: "Came to {rate}% of sessions ({came} of {marked})",
        ar: "حضر {rate}% من الحصص ({came} من {marked})",
    }
    contract_accepted {
        fr: "Accepté par {by} le {day} à {time}.",
        en: "Accepted by {by} on {day} at {time}.",
        ar: "وافق عليه {by} يوم {day} على الساعة {time}.",
    }
    will_come_after_all {
        fr: "Finalement, {first_name} viendra",
        en: "{first_name} will come after all",
        ar: "في النهاية، سيحضر {first_name}",
    }
    child_page {
        fr: "Fiche enfant",
        en: "Child's page",
        ar: "صفحة الطفل",
    }

    // messages/pages.rs and messages/types.rs
    reply_received {
        fr: "J'ai bien reçu",
        en: "I have received it",
        ar: "تمّ الاستلام",
    }
    reply_yes {
        fr: "Oui",
        en: "Yes",
        ar: "نعم",
    }
    reply_no {
        fr: "Non",
        en: "No",
        ar: "لا",
    }
    about_group {
        fr: "Groupe {group}",
        en: "Group {group}",
        ar: "المجموعة {group}",
    }
    about_session {
        fr: "Séance du {date} à {time}, groupe {group}",
        en: "Session of {date} at {time}, group {group}",
        ar: "حصة يوم {date} على الساعة {time}، المجموعة {group}",
    }

    // i18n: the labels of a mark and of a family event
    status_present {
        fr: "Présent",
        en: "Present",
        ar: "حاضر",
    }
    status_late {
        fr: "En retard",
        en: "Late",
        ar: "متأخر",
    }
    status_absent {
        fr: "Absent",
        en: "Absent",
        ar: "غائب",
    }
    status_excused {
        fr: "Absence excusée",
        en: "Excused",
        ar: "غياب مبرَّر",
    }
    event_welcome {
        fr: "Accueil des parents",
        en: "Parents' welcome",
        ar: "استقبال الأولياء",
    }
    event_information {
        fr: "Réunion d'information",
        en: "Information meeting",
        ar: "اجتماع إعلامي",
    }
    event_shared_session {
        fr: "Séance parents-enfants",
        en: "Parent-child session",
        ar: "حصة مشتركة بين الأولياء والأطفال",
    }
    event_highlight {
        fr: "Temps fort (fête, sortie, spectacle)",
        en: "Special event (party, outing, show)",
        ar: "حدث مميّز (احتفال، خرجة، عرض)",
    }
    event_individual {
        fr: "Rendez-vous individuel",
        en: "Individual meeting",
        ar: "موعد فردي",
    }

    // auth/account/pages.rs
    tfa_install_app {
        fr: "Installez sur votre téléphone une application d'authentification (par exemple Aegis, Google Authenticator, Microsoft Authenticator, ou le gestionnaire de mots de passe du téléphone).",
        en: "Install an authenticator app on your phone (for example Aegis, Google Authenticator, Microsoft Authenticator, or the phone's password manager).",
        ar: "ثبّتوا على هاتفكم تطبيق مصادقة (مثلًا Aegis أو Google Authenticator أو Microsoft Authenticator، أو مدير كلمات المرور في الهاتف).",
    }
    tfa_scan_code {
        fr: "Dans l'application, ajoutez un compte en scannant ce code :",
        en: "In the app, add an account by scanning this code:",
        ar: "في التطبيق، أضيفوا حسابًا بمسح هذا الرمز:",
    }
    tfa_qr_alt {
        fr: "Code QR à scanner avec l'application",
        en: "QR code to scan with the app",
        ar: "رمز QR للمسح بالتطبيق",
    }
    tfa_type_key {
        fr: "Impossible de scanner ? Tapez cette clé dans l'application : ",
        en: "Cannot scan? Type this key into the app: ",
        ar: "لا يمكنكم المسح؟ اكتبوا هذا المفتاح في التطبيق: ",
    }
    tfa_recovery_codes {
        fr: "Notez ces codes de secours et gardez-les en lieu sûr. Chacun sert une fois, si vous n'avez plus votre téléphone. Ils ne seront plus affichés.",
        en: "Write down these recovery codes and keep them safe. Each works once, if you no longer have your phone. They will not be shown again.",
        ar: "دوّنوا هذه الرموز الاحتياطية واحفظوها في مكان آمن. كل واحد منها يصلح مرة واحدة، إن لم يعد هاتفكم معكم. لن تُعرض مرة أخرى.",
    }
    tfa_type_six_digits {
        fr: "Tapez le code à 6 chiffres que l'application affiche.",
        en: "Type the 6-digit code the app shows.",
        ar: "اكتبوا الرمز المكوّن من 6 أرقام الذي يعرضه التطبيق.",
    }
    current_password {
        fr: "Mot de passe actuel",
        en: "Current password",
        ar: "كلمة المرور الحالية",
    }
    device_on {
        fr: " sur ",
        en: " on ",
        ar: " على ",
    }
    this_device {
        fr: "cet appareil",
        en: "this device",
        ar: "هذا الجهاز",
    }
    password_changed {
        fr: "Mot de passe changé. Vos autres appareils ont été déconnectés.",
        en: "Password changed. Your other devices were signed out.",
        ar: "تمّ تغيير كلمة المرور. سُجّل خروج أجهزتكم الأخرى.",
    }
    new_password_hint {
        fr: "Au moins 12 caractères. Une phrase à vous convient très bien ; les mots de passe courants sont refusés.",
        en: "At least 12 characters. A sentence of your own works well; common passwords are refused.",
        ar: "12 حرفًا على الأقل. جملة خاصة بكم تفي بالغرض؛ كلمات المرور الشائعة مرفوضة.",
    }
    confirm_new_password {
        fr: "Confirmez le nouveau mot de passe",
        en: "Confirm the new password",
        ar: "أكّدوا كلمة المرور الجديدة",
    }
    change_password {
        fr: "Changer le mot de passe",
        en: "Change the password",
        ar: "تغيير كلمة المرور",
    }
    two_step {
        fr: "Double authentification",
        en: "Two-step sign-in",
        ar: "التحقّق بخطوتين",
    }
    two_step_on {
        fr: "Activée.",
        en: "On.",
        ar: "مفعّل.",
    }
    two_step_on_explained {
        fr: "À chaque connexion, le code de votre application vous est demandé après le mot de passe.",
        en: "At each sign-in, your app's code is asked for after the password.",
        ar: "عند كل تسجيل دخول، يُطلب منكم رمز التطبيق بعد كلمة المرور.",
    }
    two_step_off {
        fr: "Pas activée.",
        en: "Off.",
        ar: "غير مفعّل.",
    }
    two_step_why {
        fr: "Avec un code de votre téléphone en plus du mot de passe, votre compte reste protégé même si quelqu'un connaît votre mot de passe.",
        en: "With a code from your phone on top of the password, your account stays safe even if someone knows your password.",
        ar: "برمز من هاتفكم إضافةً إلى كلمة المرور، يبقى حسابكم محميًا حتى إن عرف أحدٌ كلمة مروركم.",
    }
    two_step_renew {
        fr: "Changer de téléphone ou obtenir de nouveaux codes de secours",
        en: "Change phone or get new recovery codes",
        ar: "تغيير الهاتف أو الحصول على رموز احتياطية جديدة",
    }
    two_step_turn_on {
        fr: "Activer la double authentification",
        en: "Turn on two-step sign-in",
        ar: "تفعيل التحقّق بخطوتين",
    }
    turn_off {
        fr: "Désactiver",
        en: "Turn off",
        ar: "إيقاف",
    }
    two_step_turn_off {
        fr: "Désactiver la double authentification",
        en: "Turn off two-step sign-in",
        ar: "إيقاف التحقّق بخطوتين",
    }
    devices_signed_in {
        fr: "Appareils connectés",
        en: "Devices signed in",
        ar: "الأجهزة المتّصلة",
    }
    sign_out_others {
        fr: "Déconnecter les autres appareils",
        en: "Sign out the other devices",
        ar: "تسجيل خروج الأجهزة الأخرى",
    }
    turn_on {
        fr: "Activer",
        en: "Turn on",
        ar: "تفعيل",
    }
    back_to_my_account {
        fr: "Retour à mon compte",
        en: "Back to my account",
        ar: "العودة إلى حسابي",
    }

    // auth/account/mail.rs
    mail_received {
        fr: "Reçu",
        en: "Received",
        ar: "يصلني",
    }
    mail_not_received {
        fr: "Non reçu",
        en: "Not received",
        ar: "لا يصلني",
    }
    mails {
        fr: "Courriels",
        en: "E-mails",
        ar: "الرسائل الإلكترونية",
    }
    mails_access_only {
        fr: "Vous recevez seulement les courriels qui donnent accès à votre compte (invitation, nouveau mot de passe).",
        en: "You receive only the mails that give access to your account (invitation, new password).",
        ar: "لا تصلكم إلا الرسائل التي تتيح الوصول إلى حسابكم (الدعوة، كلمة مرور جديدة).",
    }
    stop_receiving {
        fr: "Ne plus recevoir",
        en: "Stop receiving",
        ar: "إيقاف الاستلام",
    }
    receive {
        fr: "Recevoir",
        en: "Receive",
        ar: "استلام",
    }
    stop_this_mail {
        fr: "Ne plus recevoir ce courriel",
        en: "Stop this mail",
        ar: "إيقاف هذه الرسالة",
    }
    stop_these_mails {
        fr: "Ne plus recevoir ces courriels",
        en: "Stop these mails",
        ar: "إيقاف هذه الرسائل",
    }
    mails_stopped {
        fr: "C'est fait : vous ne recevrez plus ces courriels. Vous pouvez changer d'avis dans « Mon compte ».",
        en: "Done: you will not receive these mails any more. You can change your mind in « My account ».",
        ar: "تمّ: لن تصلكم هذه الرسائل بعد الآن. يمكنكم تغيير رأيكم في «حسابي».",
    }

    // auth/account/pages.rs: with values
    day_at_time {
        fr: "{day} à {time}",
        en: "{day} at {time}",
        ar: "{day} على الساعة {time}",
    }
    device_seen {
        fr: "Connecté le {signed_in} · dernière activité le {last_seen}",
        en: "Signed in {signed_in} · last active {last_seen}",
        ar: "اتّصل يوم {signed_in} · آخر نشاط يوم {last_seen}",
    }
    recovery_codes_left {
        fr: "Codes de secours restants : {count}.",
        en: "Recovery codes left: {count}.",
        ar: "الرموز الاحتياطية المتبقية: {count}.",
    }
    devices_signed_out {
        fr: "{count} appareil(s) déconnecté(s).",
        en: "{count} device(s) signed out.",
        ar: "عدد الأجهزة التي سُجّل خروجها: {count}.",
    }

    // header.rs
    languages {
        fr: "Langues",
        en: "Languages",
        ar: "اللغات",
    }
    skip_to_content {
        fr: "Aller au contenu",
        en: "Skip to content",
        ar: "الانتقال إلى المحتوى",
    }
}
