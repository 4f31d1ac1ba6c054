"""Core UI messages: log-in, navigation, overview pages, guards (nl and en)."""

MESSAGES: dict[str, dict[str, str]] = {
    # General
    "app.title": {"nl": "Klaskaart", "en": "Klaskaart"},
    "app.tagline": {
        "nl": "Relaties in de klas: leerkracht, kind en klasgenoten op één kaart.",
        "en": "Relationships in the classroom: teacher, child and classmates on one map.",
    },
    "app.language": {"nl": "Taal", "en": "Language"},
    "app.screening_note": {
        "nl": "Klaskaart geeft signalen voor een gesprek, geen diagnoses of labels.",
        "en": "Klaskaart gives indications for a conversation, not diagnoses or labels.",
    },
    "role.teacher": {"nl": "Leerkracht", "en": "Teacher"},
    "role.counsellor": {"nl": "Intern begeleider", "en": "Counsellor"},
    "role.researcher": {"nl": "Onderzoeker", "en": "Researcher"},
    "role.admin": {"nl": "Beheerder", "en": "Administrator"},
    # Errors shared by the service layer
    "error.not_allowed": {
        "nl": "Dat mag je met dit account niet.",
        "en": "Your account is not allowed to do that.",
    },
    # Login
    "login.title": {"nl": "Inloggen", "en": "Log in"},
    "login.username": {"nl": "Gebruikersnaam", "en": "Username"},
    "login.password": {"nl": "Wachtwoord", "en": "Password"},
    "login.submit": {"nl": "Inloggen", "en": "Log in"},
    "login.failed": {
        "nl": "Gebruikersnaam of wachtwoord klopt niet.",
        "en": "Username or password is not correct.",
    },
    "login.wait": {
        "nl": "Te veel mislukte pogingen. Probeer het over {seconds} seconden opnieuw.",
        "en": "Too many failed attempts. Try again in {seconds} seconds.",
    },
    "login.wait_minutes": {
        "nl": "Te veel mislukte pogingen. Probeer het over {minutes} minuten opnieuw.",
        "en": "Too many failed attempts. Try again in {minutes} minutes.",
    },
    "login.children": {
        "nl": "Kinderen loggen niet hier in: zij scannen hun inlogkaart of krijgen de tablet "
        "van de leerkracht.",
        "en": "Children do not log in here: they scan their login card or get the tablet "
        "from their teacher.",
    },
    "login.demo": {
        "nl": "Demoschool: log in als teacher, counsellor, researcher of admin met wachtwoord "
        "klaskaart-demo.",
        "en": "Demo school: log in as teacher, counsellor, researcher or admin with password "
        "klaskaart-demo.",
    },
    "logout": {"nl": "Uitloggen", "en": "Log out"},
    "logged_in_as": {"nl": "Ingelogd als {name} ({role})", "en": "Logged in as {name} ({role})"},
    # Page titles
    "page.home": {"nl": "Overzicht", "en": "Overview"},
    "page.classes": {"nl": "Mijn klassen", "en": "My classes"},
    "page.school": {"nl": "School", "en": "School"},
    "page.research": {"nl": "Onderzoeksdata", "en": "Research data"},
    "page.admin": {"nl": "Gebruikers en scholen", "en": "Users and schools"},
    "page.account": {"nl": "Mijn account", "en": "My account"},
    "page.survey": {"nl": "Vragenlijst", "en": "Questionnaire"},
    "page.setup": {"nl": "Klas inrichten", "en": "Class set-up"},
    "page.waves": {"nl": "Metingen", "en": "Waves"},
    "page.ratings": {"nl": "Mijn oordelen", "en": "My ratings"},
    "page.classmap": {"nl": "Klaskaart", "en": "Class map"},
    "page.profile": {"nl": "Leerlingprofiel", "en": "Pupil profile"},
    "page.coming": {
        "nl": "Dit scherm wordt nog gebouwd.",
        "en": "This screen is still being built.",
    },
    # Guards
    "guard.not_allowed": {
        "nl": "Deze pagina is niet beschikbaar voor jouw rol.",
        "en": "This page is not available for your role.",
    },
    "guard.login_first": {"nl": "Log eerst in.", "en": "Please log in first."},
    "guard.class_not_allowed": {
        "nl": "Je hebt geen toegang tot deze klas.",
        "en": "You have no access to this class.",
    },
    # Home / classes
    "home.welcome": {"nl": "Welkom, {name}", "en": "Welcome, {name}"},
    "home.no_classes": {
        "nl": "Er zijn nog geen klassen aan jouw account gekoppeld.",
        "en": "No classes are linked to your account yet.",
    },
    "classes.pupils": {"nl": "Leerlingen", "en": "Pupils"},
    "classes.waves": {"nl": "Metingen", "en": "Waves"},
    "classes.choose": {"nl": "Klas", "en": "Class"},
    "classes.taking_part": {
        "nl": "{n} leerlingen doen mee ({excluded} zonder toestemming doen niet mee).",
        "en": "{n} pupils take part ({excluded} without consent take no part).",
    },
    "col.class": {"nl": "Klas", "en": "Class"},
    "col.grade": {"nl": "Groep", "en": "Grade"},
    "col.pupils": {"nl": "Leerlingen", "en": "Pupils"},
    "col.name": {"nl": "Naam", "en": "Name"},
    "col.gender": {"nl": "Geslacht", "en": "Gender"},
    "col.birth_date": {"nl": "Geboortedatum", "en": "Birth date"},
    "col.consent": {"nl": "Toestemming", "en": "Consent"},
    "col.wave": {"nl": "Meting", "en": "Wave"},
    "col.status": {"nl": "Status", "en": "Status"},
    "col.starts_on": {"nl": "Start", "en": "Starts"},
    "col.child_done": {"nl": "Kinderen klaar", "en": "Children done"},
    "col.teacher_done": {"nl": "Leerkrachtoordelen", "en": "Teacher ratings"},
    "col.username": {"nl": "Gebruikersnaam", "en": "Username"},
    "col.role": {"nl": "Rol", "en": "Role"},
    "col.school": {"nl": "School", "en": "School"},
    "col.classes": {"nl": "Klassen", "en": "Classes"},
    "consent.given": {"nl": "gegeven", "en": "given"},
    "consent.refused": {"nl": "geweigerd", "en": "refused"},
    "consent.unknown": {"nl": "onbekend", "en": "unknown"},
    "wave.draft": {"nl": "in voorbereiding", "en": "in preparation"},
    "wave.open": {"nl": "open", "en": "open"},
    "wave.closed": {"nl": "gesloten", "en": "closed"},
    "gender.m": {"nl": "jongen", "en": "boy"},
    "gender.f": {"nl": "meisje", "en": "girl"},
    "gender.x": {"nl": "anders", "en": "other"},
    # School (counsellor)
    "school.overview": {"nl": "Klassen van {school}", "en": "Classes of {school}"},
    # Research
    "research.project": {"nl": "Project: {name}", "en": "Project: {name}"},
    "research.pseudonymised": {
        "nl": "Alle gegevens zijn gepseudonimiseerd: geen namen, geboortedata of "
        "leerlingnummers. Pseudoniemen zijn per project anders.",
        "en": "All data are pseudonymised: no names, birth dates or pupil numbers. "
        "Pseudonyms differ per project.",
    },
    "research.no_project": {
        "nl": "Je account is nog niet aan een onderzoeksproject gekoppeld.",
        "en": "Your account is not linked to a research project yet.",
    },
    "research.download": {"nl": "Download {table} (CSV)", "en": "Download {table} (CSV)"},
    "research.counts": {
        "nl": "{classes} klassen, {waves} metingen, {pupils} leerlingen.",
        "en": "{classes} classes, {waves} waves, {pupils} pupils.",
    },
    # Admin
    "admin.users": {"nl": "Gebruikers", "en": "Users"},
    "admin.schools": {"nl": "Scholen", "en": "Schools"},
    "admin.new_user": {"nl": "Nieuwe gebruiker", "en": "New user"},
    "admin.display_name": {"nl": "Naam", "en": "Name"},
    "admin.create": {"nl": "Aanmaken", "en": "Create"},
    "admin.created": {"nl": "Gebruiker {username} is aangemaakt.", "en": "User {username} created."},
    "admin.no_school": {"nl": "(geen school)", "en": "(no school)"},
    # Admin: account checks (survey.accounts.create_user / update_user_access)
    "admin.username_invalid": {
        "nl": "Een gebruikersnaam bestaat alleen uit letters, cijfers, '.', '-' of '_'.",
        "en": "A username uses letters, digits, '.', '-' or '_' only.",
    },
    "admin.unknown_role": {
        "nl": "Onbekende rol {role!r}; kies uit {roles}.",
        "en": "Unknown role {role!r}; choose one of {roles}.",
    },
    "admin.username_taken": {
        "nl": "De gebruikersnaam {username!r} is al in gebruik.",
        "en": "The username {username!r} is already taken.",
    },
    "admin.unknown_school": {
        "nl": "Er is geen school met nummer {school_id}.",
        "en": "There is no school with id {school_id}.",
    },
    "admin.unknown_project": {
        "nl": "Er is geen onderzoeksproject met nummer {project_id}.",
        "en": "There is no research project with id {project_id}.",
    },
    "admin.unknown_class": {
        "nl": "Er is geen klas met nummer {class_ids}.",
        "en": "There is no class with id {class_ids}.",
    },
    "admin.classes_for_teachers": {
        "nl": "Alleen een leerkracht krijgt klassen (niet de rol {role}).",
        "en": "Only a teacher gets classes (not the role {role}).",
    },
    "admin.classes_need_school": {
        "nl": "Een leerkracht met klassen hoort bij een school: kies de school van die klassen.",
        "en": "A teacher with classes belongs to a school: choose the school of those classes.",
    },
    "admin.class_other_school": {
        "nl": "Klas {class_ids} hoort niet bij school {school_id}; er is niets opgeslagen.",
        "en": "Class {class_ids} is not of school {school_id}; nothing was saved.",
    },
    "admin.last_admin": {
        "nl": "Dit is de laatste actieve beheerder: maak eerst een andere beheerder aan.",
        "en": "This is the last active administrator: create another administrator first.",
    },
    "admin.classes": {"nl": "Klassen (alleen voor een leerkracht)", "en": "Classes (teachers only)"},
    "admin.edit_user": {"nl": "Gebruiker wijzigen", "en": "Change a user"},
    "admin.user": {"nl": "Gebruiker", "en": "User"},
    "admin.active": {"nl": "Actief (kan inloggen)", "en": "Active (can log in)"},
    "admin.save": {"nl": "Opslaan", "en": "Save"},
    "admin.saved": {"nl": "Gebruiker {username} is gewijzigd.", "en": "User {username} changed."},
    "admin.unchanged": {"nl": "Er was niets veranderd.", "en": "Nothing was changed."},
    "admin.school_scope": {
        "nl": "Je bent beheerder van {school}: je ziet en beheert alleen de gebruikers en "
        "toegangswijzigingen van deze school.",
        "en": "You administer {school}: you see and manage only the users and access "
        "changes of this school.",
    },
    # Admin: the access-change log (audit events access.*)
    "admin.access_log": {"nl": "Wijzigingen in toegang", "en": "Access changes"},
    "admin.access_log_help": {
        "nl": "Wie wanneer een account aanmaakte of iemand meer toegang gaf (via deze pagina, "
        "de opdrachtregel of de eerste inrichting). De nieuwste staan bovenaan.",
        "en": "Who created an account or gave someone more access, and when (on this page, "
        "on the command line or at the first set-up). Newest first.",
    },
    "admin.access_log_empty": {"nl": "Nog geen wijzigingen.", "en": "No changes yet."},
    "admin.col_when": {"nl": "Wanneer (UTC)", "en": "When (UTC)"},
    "admin.col_who": {"nl": "Door", "en": "By"},
    "admin.col_what": {"nl": "Wat", "en": "What"},
    "admin.col_for": {"nl": "Voor", "en": "For"},
    "admin.col_via": {"nl": "Via", "en": "Via"},
    "admin.by_command_line": {"nl": "(opdrachtregel / systeem)", "en": "(command line / system)"},
    "admin.via.app": {"nl": "app", "en": "app"},
    "admin.via.cli": {"nl": "opdrachtregel", "en": "command line"},
    "admin.via.seed": {"nl": "demo", "en": "demo"},
    "admin.via.first_run": {"nl": "eerste inrichting", "en": "first set-up"},
    "access.user_created": {"nl": "account aangemaakt: {detail}", "en": "account created: {detail}"},
    "access.role_changed": {"nl": "rol gewijzigd: {detail}", "en": "role changed: {detail}"},
    "access.school_changed": {"nl": "school gewijzigd: {detail}", "en": "school changed: {detail}"},
    "access.classes_added": {"nl": "klassen erbij: {detail}", "en": "classes added: {detail}"},
    "access.classes_removed": {"nl": "klassen eraf: {detail}", "en": "classes removed: {detail}"},
    "access.reactivated": {"nl": "weer actief gemaakt: {detail}", "en": "re-activated: {detail}"},
    "access.deactivated": {"nl": "gedeactiveerd: {detail}", "en": "deactivated: {detail}"},
    "admin.wording": {"nl": "Formulering van de vragenlijsten", "en": "Questionnaire wording"},
    "admin.wording_help": {
        "nl": "Klaskaart gebruikt eigen formuleringen. Heeft uw organisatie een licentie op de "
        "oorspronkelijke teksten, laad dan een CSV (item_id,language,text). Nieuwe metingen "
        "leggen vast welke formulering is gebruikt.",
        "en": "Klaskaart uses its own wording. If your organisation holds a licence for the "
        "original texts, load a CSV (item_id,language,text). New waves record which wording "
        "was used.",
    },
    "admin.wording_upload": {"nl": "CSV met gelicentieerde teksten", "en": "CSV with licensed texts"},
    "admin.wording_install": {"nl": "Installeren", "en": "Install"},
    "admin.wording_installed": {
        "nl": "Geïnstalleerd: {source}",
        "en": "Installed: {source}",
    },
    "admin.wording_refused": {
        "nl": "Het bestand is niet geïnstalleerd; er is niets veranderd:",
        "en": "The file was not installed; nothing was changed:",
    },
    "admin.wording_remove": {
        "nl": "Terug naar eigen formulering",
        "en": "Back to the own wording",
    },
    # First-run administrator set-up (app_pages/first_run.py, survey.first_admin)
    "first_run.title": {"nl": "Klaskaart inrichten", "en": "Set up Klaskaart"},
    "first_run.intro": {
        "nl": "Er is nog geen beheerder. Maak hier het eerste beheerdersaccount aan, met een "
        "wachtwoord dat je zelf kiest. Daarvoor is de eenmalige inrichtingscode nodig: die "
        "staat in het logboek van de server en in het bestand {path} op de server (alleen "
        "leesbaar voor wie de server beheert).",
        "en": "There is no administrator yet. Create the first administrator account here, "
        "with a password you choose. You need the one-time set-up code: it is in the server's "
        "log and in the file {path} on the server (readable only by whoever runs the server).",
    },
    "first_run.cli": {
        "nl": "Of op de server: python -m survey create-user NAAM --role admin",
        "en": "Or on the server: python -m survey create-user NAME --role admin",
    },
    "first_run.code": {"nl": "Inrichtingscode", "en": "Set-up code"},
    "first_run.submit": {"nl": "Beheerder aanmaken", "en": "Create administrator"},
    "first_run.wrong_code": {
        "nl": "Die inrichtingscode klopt niet; er is niets aangemaakt.",
        "en": "That set-up code is not correct; nothing was created.",
    },
    "first_run.done": {
        "nl": "Er is al een beheerder: log in.",
        "en": "There already is an administrator: please log in.",
    },
    "first_run.created": {
        "nl": "Beheerder {username} is aangemaakt. Log nu in.",
        "en": "Administrator {username} created. Please log in now.",
    },
    "first_run.to_login": {"nl": "Naar inloggen", "en": "Go to log-in"},
    # Account
    "account.change_password": {"nl": "Wachtwoord wijzigen", "en": "Change password"},
    "account.current": {"nl": "Huidig wachtwoord", "en": "Current password"},
    "account.new": {"nl": "Nieuw wachtwoord", "en": "New password"},
    "account.repeat": {"nl": "Herhaal nieuw wachtwoord", "en": "Repeat new password"},
    "account.save": {"nl": "Opslaan", "en": "Save"},
    "account.saved": {
        "nl": "Je wachtwoord is gewijzigd. Op andere apparaten ben je nu uitgelogd.",
        "en": "Your password was changed. You are now logged out on other devices.",
    },
    "account.mismatch": {
        "nl": "De twee nieuwe wachtwoorden zijn niet gelijk.",
        "en": "The two new passwords differ.",
    },
    "account.wrong_current": {
        "nl": "Het huidige wachtwoord klopt niet.",
        "en": "The current password is not correct.",
    },
    # Child
    "child.unknown_token": {
        "nl": "Deze inlogkaart werkt niet (meer). Vraag je juf of meester om hulp.",
        "en": "This login card does not work (any more). Ask your teacher for help.",
    },
    "child.finished": {
        "nl": "Je bent al klaar. Dankjewel!",
        "en": "You have already finished. Thank you!",
    },
    "child.welcome": {"nl": "Hoi {name}!", "en": "Hi {name}!"},
    "child.not_open": {
        "nl": "De vragenlijst is nu niet open. Vraag je juf of meester om hulp.",
        "en": "The questionnaire is not open now. Ask your teacher for help.",
    },
}
