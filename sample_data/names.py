"""Name lists for the synthetic demo school: a mixed Dutch city primary school.

Names are grouped by family background so that a pupil's first name and surname fit
together (a Turkish first name with a Turkish surname, and so on). Surnames are
``(tussenvoegsel, achternaam)`` pairs; the tussenvoegsel is ``""`` when there is none.
The lists deliberately include diacritics (Zoë, Daniël, İlayda, Çelik, Öztürk) and
tussenvoegsels (van, de, van der, van den, ter, ’t, in ’t) so that the UI, sorting,
CSV/Excel import and exports get exercised with real-world spelling.

Earlier entries in each first-name list are more common (the generator weights them
by rank), so a first name occasionally repeats within a class — the UI has to
disambiguate with the last-name initial.

>>> BACKGROUNDS["nl"]["girls"][0]
'Emma'
"""

from __future__ import annotations

from typing import TypedDict


class Background(TypedDict):
    """First names per gender and surnames for one family background."""

    weight: float
    boys: tuple[str, ...]
    girls: tuple[str, ...]
    surnames: tuple[tuple[str, str], ...]


BACKGROUNDS: dict[str, Background] = {
    "nl": {
        "weight": 0.55,
        "boys": (
            "Daan", "Sem", "Noah", "Lucas", "Levi", "Finn", "Luuk", "Milan", "Bram",
            "Jesse", "Thijs", "Mees", "Julian", "Daniël", "Thomas", "Ruben", "Tim",
            "Stijn", "Liam", "Siem", "Gijs", "Teun", "Jurre", "Ties", "Hugo", "Mats",
            "Olivier", "Boaz", "Joël", "Noë", "Raphaël", "Jens", "Bas", "Pepijn",
        ),
        "girls": (
            "Emma", "Julia", "Mila", "Tess", "Sophie", "Zoë", "Sara", "Nora", "Yara",
            "Eva", "Liv", "Lotte", "Evi", "Noor", "Anna", "Lieke", "Fenna", "Sanne",
            "Fleur", "Isa", "Chloë", "Anaïs", "Noëlle", "Maud", "Saar", "Femke",
            "Jasmijn", "Roos", "Floor", "Merel", "Joëlle", "Romy", "Lynn", "Loïs",
        ),
        "surnames": (
            ("", "Jansen"), ("de", "Vries"), ("van den", "Berg"), ("van", "Dijk"),
            ("", "Bakker"), ("", "Janssen"), ("", "Visser"), ("", "Smit"),
            ("", "Meijer"), ("de", "Boer"), ("", "Mulder"), ("de", "Groot"),
            ("", "Bos"), ("", "Vos"), ("", "Peters"), ("", "Hendriks"),
            ("van", "Leeuwen"), ("", "Dekker"), ("", "Brouwer"), ("de", "Wit"),
            ("", "Dijkstra"), ("", "Smits"), ("de", "Graaf"), ("van der", "Meer"),
            ("van der", "Linden"), ("", "Kok"), ("", "Jacobs"), ("de", "Haan"),
            ("", "Vermeulen"), ("van den", "Heuvel"), ("van der", "Veen"),
            ("van den", "Broek"), ("de", "Bruijn"), ("de", "Jong"), ("ter", "Horst"),
            ("’t", "Hart"), ("van ’t", "Hof"), ("in ’t", "Veld"), ("van de", "Kamp"),
            ("ten", "Brink"), ("", "Schoenmaker"), ("", "Kuipers"), ("", "Postma"),
        ),
    },
    "tr": {
        "weight": 0.12,
        "boys": (
            "Yusuf", "Emir", "Mehmet", "Ömer", "Kerem", "Mustafa", "Efe", "Baran",
            "Burak", "Arda", "Eymen", "Çınar",
        ),
        "girls": (
            "Elif", "Zeynep", "İlayda", "Ecem", "Esra", "Ayşe", "Büşra", "Meryem",
            "Defne", "Azra", "Nehir", "Özge",
        ),
        "surnames": (
            ("", "Yılmaz"), ("", "Kaya"), ("", "Demir"), ("", "Çelik"), ("", "Şahin"),
            ("", "Öztürk"), ("", "Özdemir"), ("", "Aydın"), ("", "Arslan"),
            ("", "Doğan"), ("", "Koç"), ("", "Yıldız"),
        ),
    },
    "ma": {
        "weight": 0.14,
        "boys": (
            "Mohamed", "Adam", "Ayoub", "Rayan", "Bilal", "Ilias", "Anass", "Amir",
            "Yassin", "Zakaria", "Souf", "Hamza", "Ismaïl",
        ),
        "girls": (
            "Fatima", "Yasmina", "Salma", "Nour", "Hiba", "Aya", "Imane", "Amira",
            "Maryam", "Soraya", "Sanaa", "Malak", "Inès",
        ),
        "surnames": (
            ("", "El Amrani"), ("", "Bouzid"), ("", "Benali"), ("", "Ouali"),
            ("", "Haddou"), ("", "El Idrissi"), ("", "Boukhari"), ("", "Azzouz"),
            ("", "Chaoui"), ("", "Ait Taleb"), ("", "Ziani"),
        ),
    },
    "sr": {
        "weight": 0.08,
        "boys": (
            "Jayden", "Dylan", "Quincy", "Shurandy", "Xavi", "Rishi", "Jaïr",
            "Dwayne", "Giovanni", "Kenji",
        ),
        "girls": (
            "Naomi", "Shanaya", "Priya", "Dewi", "Chanel", "Jaïra", "Kayleigh",
            "Sharmila", "Esmeralda", "Shirley",
        ),
        "surnames": (
            ("", "Sital"), ("", "Ramdin"), ("", "Kartodikromo"), ("", "Mahabier"),
            ("", "Pinas"), ("", "Doelwijt"), ("", "Martina"), ("", "Winklaar"),
            ("", "Pietersz"), ("", "Ramsaran"),
        ),
    },
    "pl": {
        "weight": 0.05,
        "boys": ("Jakub", "Kacper", "Wiktor", "Szymon", "Mateusz", "Mykola", "Andrei"),
        "girls": ("Zuzanna", "Maja", "Oliwia", "Lena", "Zofia", "Anastasiia", "Iulia"),
        "surnames": (
            ("", "Nowak"), ("", "Wójcik"), ("", "Kowalczyk"), ("", "Mazur"),
            ("", "Shevchenko"), ("", "Popescu"), ("", "Bondarenko"),
        ),
    },
    "af": {
        "weight": 0.025,
        "boys": ("Dawit", "Samuel", "Yonas", "Chidi", "Kofi", "Abdi"),
        "girls": ("Selam", "Hanna", "Ruth", "Amara", "Adjoa", "Hodan"),
        "surnames": (
            ("", "Haile"), ("", "Tesfaye"), ("", "Okafor"), ("", "Mensah"),
            ("", "Asante"), ("", "Warsame"),
        ),
    },
    "me": {
        "weight": 0.025,
        "boys": ("Ali", "Omar", "Ahmad", "Mohammed", "Karim", "Hassan"),
        "girls": ("Lina", "Leila", "Sofia", "Aaliyah", "Rama", "Yara"),
        "surnames": (
            ("", "Mohammed"), ("", "Hussein"), ("", "Al-Hassan"), ("", "Rahimi"),
            ("", "Haddad"), ("", "Karimi"),
        ),
    },
    "as": {
        "weight": 0.01,
        "boys": ("Minh", "Bao", "Arjun", "Wei"),
        "girls": ("Linh", "Mai", "Ananya", "Xin"),
        "surnames": (("", "Nguyen"), ("", "Tran"), ("", "Sharma"), ("", "Chen")),
    },
}

#: Teacher display names as children address them ("juf" = Miss, "meester" = Sir).
TEACHERS: tuple[str, ...] = (
    "juf Fatima", "meester Jeroen", "juf Marieke", "juf Sanne", "meester Kees",
    "juf Esra", "meester Rachid", "juf Annelies", "juf Ingrid", "meester Bas",
    "juf Priya", "meester Tom",
)
