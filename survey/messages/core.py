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
    # Account
    "account.change_password": {"nl": "Wachtwoord wijzigen", "en": "Change password"},
    "account.current": {"nl": "Huidig wachtwoord", "en": "Current password"},
    "account.new": {"nl": "Nieuw wachtwoord", "en": "New password"},
    "account.repeat": {"nl": "Herhaal nieuw wachtwoord", "en": "Repeat new password"},
    "account.save": {"nl": "Opslaan", "en": "Save"},
    "account.saved": {"nl": "Je wachtwoord is gewijzigd.", "en": "Your password was changed."},
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
