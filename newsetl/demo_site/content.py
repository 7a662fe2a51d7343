"""Deterministic generator of plausible (invented) university news text."""

from __future__ import annotations

import random
import re
from collections.abc import Callable
from dataclasses import dataclass

SECTIONS = ["Focus", "Research", "International", "Campus Life", "Awards", "Events"]

SCHOOLS = [
    "Mechanical Engineering",
    "Optics and Photonics",
    "Information and Electronics",
    "Materials Science and Engineering",
    "Aerospace Engineering",
    "Computer Science and Technology",
    "Life Science",
    "Management and Economics",
    "Foreign Languages",
    "Chemistry and Chemical Engineering",
    "Automation",
    "Mathematics and Statistics",
    "Physics",
    "Design and Arts",
    "Integrated Circuits and Electronics",
    "Medical Technology",
    "Cyberspace Science and Technology",
]

SURNAMES = [
    "Wang",
    "Li",
    "Zhang",
    "Liu",
    "Chen",
    "Yang",
    "Zhao",
    "Huang",
    "Zhou",
    "Wu",
    "Xu",
    "Sun",
    "Hu",
    "Zhu",
    "Gao",
    "Lin",
    "He",
    "Guo",
    "Ma",
    "Luo",
]
GIVEN_NAMES = [
    "Wei",
    "Fang",
    "Min",
    "Jing",
    "Lei",
    "Yang",
    "Tao",
    "Hao",
    "Xin",
    "Jie",
    "Yu",
    "Qiang",
    "Lin",
    "Xiaoyu",
    "Mingyuan",
    "Zihan",
    "Haoran",
    "Yiming",
    "Shuang",
    "Ruoxi",
]
FOREIGN_NAMES = [
    "Anna Keller",
    "David Moreau",
    "Sofia Lindqvist",
    "Tomas Havel",
    "Amara Obi",
    "Lucas Ferreira",
    "Yuki Morimoto",
    "Omar Nasser",
    "Elena Petrova",
    "Jonas Brandt",
]

_PatternValue = list[str] | Callable[[random.Random], str]


def _number(low: int, high: int, step: int = 1) -> Callable[[random.Random], str]:
    return lambda rng: f"{rng.randrange(low, high + 1, step):,}"


def _year(rng: random.Random) -> str:
    return str(rng.randint(2005, 2020))


def _chinese_name(rng: random.Random) -> str:
    return f"{rng.choice(SURNAMES)} {rng.choice(GIVEN_NAMES)}"


POOLS: dict[str, _PatternValue] = {
    "school": SCHOOLS,
    "name": _chinese_name,
    "foreign_name": FOREIGN_NAMES,
    "person": ["Professor {name}", "{name}", "Dr {name}", "Associate Professor {name}"],
    "role": [
        "vice-president of BIT",
        "dean of the School of {school}",
        "director of the International Office",
        "a professor at the School of {school}",
        "head of the research team",
        "deputy director of the Graduate School",
        "secretary of the university's Youth League committee",
    ],
    "team": [
        "A research team led by Professor {name} from the School of {school}",
        "Researchers at the {lab}",
        "A joint team from BIT and {partner}",
        "Scientists from the School of {school}",
        "A group of doctoral students at the {lab}",
    ],
    "lab": [
        "Key Laboratory of Intelligent Control",
        "Advanced Battery Research Center",
        "Laboratory of Photonic Imaging",
        "Center for Quantum Materials",
        "Institute of Unmanned Systems",
        "Lab of Brain-Inspired Computing",
        "Center for Green Chemical Engineering",
        "Institute of Space Robotics",
    ],
    "partner": [
        "a partner university in Zürich",
        "the Technical University of Northern Europe",
        "a leading university in Singapore",
        "universities in the Belt and Road region",
        "a research institute in Lyon",
        "the University of the Andes partnership network",
        "several universities in Central Asia",
        "an engineering school in Milan",
    ],
    "tech": [
        "a lightweight solid-state battery",
        "a new algorithm for drone swarm navigation",
        "a flexible sensor for wearable health monitoring",
        "a low-power chip for edge computing",
        "a laser imaging system for underwater exploration",
        "a catalyst that turns carbon dioxide into fuel",
        "an AI model that predicts material fatigue",
        "a compact lidar for autonomous vehicles",
        "a bionic robotic hand",
        "a coating that keeps satellite surfaces cool",
    ],
    "improves": ["improves", "increases", "boosts", "raises"],
    "metric": [
        "energy density",
        "detection accuracy",
        "battery life",
        "imaging resolution",
        "conversion efficiency",
        "processing speed",
        "positioning precision",
    ],
    "journal": [
        "a leading international journal",
        "Nature Communications",
        "Advanced Materials",
        "a top journal in the field",
        "the Journal of Applied Physics",
    ],
    "month": [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ],
    "application": [
        "electric vehicles",
        "disaster rescue",
        "smart manufacturing",
        "medical imaging",
        "deep-space exploration",
        "renewable energy storage",
        "precision agriculture",
    ],
    "funder": [
        "the National Natural Science Foundation of China",
        "the National Key R&D Program",
        "a university innovation fund",
        "the Beijing Municipal Science & Technology Commission",
    ],
    "advantage": [
        "requires no rare metals",
        "works at room temperature",
        "can be manufactured at low cost",
        "adapts to changing conditions in real time",
        "needs only a fraction of the usual power",
    ],
    "area": [
        "artificial intelligence",
        "new energy vehicles",
        "space science",
        "materials research",
        "engineering education",
        "joint laboratories",
        "student mobility",
    ],
    "event_intl": [
        "International Forum on Intelligent Manufacturing",
        "Summer School on Space Technology",
        "Global Partnership Week",
        "International Conference on Photonics & Optoelectronics",
        "Belt and Road University Presidents' Forum",
    ],
    "plan": [
        "set up a joint research center next year",
        "launch a dual-degree program in engineering",
        "expand faculty exchanges",
        "co-host an annual workshop for young researchers",
        "share laboratory resources",
    ],
    "student_event": [
        "freshmen orientation week",
        "campus running festival",
        "spring job fair",
        "international culture festival",
        "robotics open day",
        "graduation ceremony",
        "volunteer service program",
        "poetry reading night",
    ],
    "club": [
        "Student Union",
        "Robotics Club",
        "Youth Volunteers Association",
        "International Students Association",
        "Astronomy Society",
    ],
    "campus": ["Zhongguancun", "Liangxiang", "Xishan"],
    "activities": [
        "music performances, a book fair and dumpling-making workshops",
        "lab tours, science talks and a drone show",
        "sports games, calligraphy lessons and a film night",
        "career talks, mock interviews and resume clinics",
        "food stalls from more than 20 countries and a lantern parade",
    ],
    "year_ord": ["first", "second", "third", "fourth"],
    "prize": [
        "the gold medal",
        "first prize",
        "the grand prize",
        "two silver medals",
        "the best innovation award",
    ],
    "competition": [
        "the National College Students' Robotics Competition",
        "the International Genetically Engineered Machine competition",
        "the national mathematical modeling contest",
        "the China International College Students' Innovation Competition",
        "a global autonomous driving challenge",
    ],
    "project_desc": [
        "a rescue robot that climbs stairs",
        "a smart wheelchair controlled by eye movement",
        "a low-cost water quality monitor",
        "a solar-powered delivery drone",
        "an app that helps elderly people navigate hospitals",
    ],
    "quality": ["practical value", "creativity", "technical depth", "social impact"],
    "campus_event": [
        "opening ceremony of the academic year",
        "anniversary celebration",
        "science and technology week",
        "alumni homecoming day",
        "teaching achievement exhibition",
    ],
    "venue": ["Sports Center", "Central Library", "Main Auditorium", "Innovation Hall"],
    "weekday": ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"],
    "guests": [
        "alumni, industry partners and representatives of local government",
        "retired faculty members and their families",
        "students' parents and visiting scholars",
        "experts from research institutes across the country",
    ],
    "program": [
        "keynote speeches, award presentations and a performance by the student choir",
        "a research exhibition and panel discussions",
        "a tree-planting activity and a campus tour",
    ],
    "continue_goal": [
        "deepen cooperation with industry",
        "support young researchers",
        "improve services for international students",
        "promote interdisciplinary research",
        "strengthen practical training for undergraduates",
    ],
    "experience_effect": [
        "broadened their horizons",
        "helped them make new friends",
        "gave them a clearer picture of their future careers",
        "made them more confident in teamwork",
    ],
    "series": [
        "BIT's young scientists",
        "the university's new laboratories",
        "international students at BIT",
        "outstanding graduates",
    ],
    "n_small": _number(3, 8),
    "n_people": _number(200, 3000, 50),
    "n_teams": _number(80, 900, 10),
    "n_univ": _number(30, 300),
    "n_countries": _number(5, 40),
    "n_students": _number(500, 5000, 100),
    "n_years": _number(2, 9),
    "n_months": _number(3, 18),
    "n_cycles": _number(1000, 20000, 500),
    "pct": _number(12, 85),
    "year": _year,
}

SENTENCES: dict[str, list[str]] = {
    "Research": [
        "{team} has developed {tech} that {improves} {metric} by {pct} percent.",
        "The findings were published in {journal} in {month}.",
        "According to {person}, {role}, the new approach could be applied to {application}.",
        "The team spent {n_years} years refining the design before the first field tests.",
        "The project is supported by {funder}.",
        "Unlike earlier methods, the system {advantage}.",
        "Tests showed that the prototype remained stable after {n_cycles} cycles.",
        '"Our goal is to turn laboratory results into products people can use," said {person}.',
        "The researchers now plan to work with companies on {application}.",
    ],
    "International": [
        "BIT and {partner} signed a memorandum of understanding on {area}.",
        "The agreement covers {area}, joint supervision of doctoral students and "
        "short-term exchange programs.",
        "Delegates from {n_countries} countries attended the {event_intl}.",
        "{person}, {role}, welcomed the visitors and introduced the university's disciplines.",
        "The two sides agreed to {plan}.",
        "Since {year}, BIT has sent more than {n_students} students to study at partner "
        "institutions abroad.",
        '"Cooperation in {area} benefits both sides," said {foreign_name}, a visiting professor.',
    ],
    "Campus Life": [
        "More than {n_people} students took part in the {student_event}.",
        "Volunteers from the {club} guided newcomers around the {campus} Campus.",
        "The event featured {activities}.",
        '"I have never seen the campus so lively," said {name}, a {year_ord}-year student '
        "from the School of {school}.",
        "Organizers said the {student_event} will become an annual tradition.",
        "Many participants said the activities {experience_effect}.",
    ],
    "Awards": [
        "A team of {n_small} students from the School of {school} won {prize} at {competition}.",
        "The competition attracted {n_teams} teams from {n_univ} universities.",
        "Their entry, {project_desc}, impressed the judges with its {quality}.",
        "{person}, who advised the team, said the award reflected {n_months} months of hard work.",
        "It is the {year_ord} time BIT students have reached the final round.",
    ],
    "Events": [
        "The {campus_event} was held at the {venue} on {weekday}.",
        "Guests included {guests}.",
        "The program included {program}.",
        "{person}, {role}, delivered the opening speech.",
        "The {campus_event} was also streamed online for alumni overseas.",
        "{person}, {role}, presented awards to {n_small} outstanding teachers.",
        "Visitors were invited to tour the {lab} and the {venue}.",
        "The celebration ended with {program}.",
    ],
    "Focus": [
        "BIT has set up a new center to {continue_goal}.",
        "{person}, {role}, said the university would {continue_goal} in the coming years.",
        "The plan covers research, teaching and the {campus} Campus's infrastructure.",
        "Over the past {n_years} years, the university has built more than {n_small} joint "
        "platforms with industry.",
        "The new measures were announced at a meeting attended by {guests}.",
        "Faculty members from the School of {school} will lead the first pilot projects.",
        '"We want every student to have access to real research," said {person}, {role}.',
        "The first results are expected to be reviewed in {month}.",
    ],
    "General": [
        "The university will continue to {continue_goal}.",
        "Participants said the experience {experience_effect}.",
        "The School of {school} will hold a follow-up seminar in {month}.",
        "Photos from the day are on display at the {venue}.",
    ],
}

TITLES: dict[str, list[str]] = {
    "Research": [
        "BIT researchers develop {tech}",
        "New study boosts {metric} for {application}",
        "{lab} reports progress in {application}",
    ],
    "International": [
        "BIT signs cooperation agreement on {area}",
        "BIT hosts {event_intl}",
        "Delegation from {partner} visits BIT",
    ],
    "Campus Life": [
        "Students enjoy {student_event} on {campus} Campus",
        "{club} organizes {student_event}",
        "{campus} Campus welcomes {student_event}",
    ],
    "Awards": [
        "BIT students win {prize} at {competition}",
        "School of {school} team honored for {project_desc}",
    ],
    "Events": [
        "BIT holds {campus_event}",
        "{campus_event} takes place at the {venue}",
    ],
    "Focus": [
        "BIT moves to {continue_goal}",
        "Focus: how BIT plans to {continue_goal}",
    ],
}

EDITOR_NOTES = [
    "This article is part of a series introducing {series}.",
    "The following story was contributed by the School of {school}.",
    "Ahead of the new semester, we talked to students and staff on the {campus} Campus.",
    "This report has been updated with comments from {person}, {role}.",
]

CAPTIONS = [
    "{person} delivers a speech at the ceremony.",
    "Students take part in the {student_event}.",
    "The research team poses for a group photo.",
    "A view of the {campus} Campus.",
    "Delegates sign the cooperation agreement.",
    "Visitors look at {tech} at the exhibition.",
]

_PLACEHOLDER = re.compile(r"\{(\w+)\}")


def fill(template: str, rng: random.Random) -> str:
    def replace(match: re.Match[str]) -> str:
        value = POOLS[match.group(1)]
        if callable(value):
            return value(rng)
        return fill(rng.choice(value), rng)

    return _PLACEHOLDER.sub(replace, template)


def _capitalize(text: str) -> str:
    return text[:1].upper() + text[1:]


@dataclass
class GeneratedArticle:
    title: str
    section: str
    hour: int
    minute: int
    author: str | None
    editor_note: str | None
    sentences: list[list[str]]
    figures: list[tuple[str, str | None]]
    figure_positions: list[int]
    repeated_paragraph_index: int | None
    repeated_sentence_index: int | None
    duplicated_paragraph_index: int | None
    page_nav_count: int
    keywords: list[str]


def make_sentence(section: str, rng: random.Random) -> str:
    pool = SENTENCES[section] if rng.random() < 0.8 else SENTENCES["General"]
    return _capitalize(fill(rng.choice(pool), rng))


class _SentenceDeck:
    def __init__(self, section: str, rng: random.Random) -> None:
        self._templates = SENTENCES[section] + rng.sample(SENTENCES["General"], 2)
        self._rng = rng
        self._deck: list[str] = []

        self._seen: set[str] = set()

    def draw(self) -> str:
        for _ in range(50):
            if not self._deck:
                self._deck = self._rng.sample(self._templates, len(self._templates))
            sentence = _capitalize(fill(self._deck.pop(), self._rng))
            if sentence not in self._seen:
                break
        self._seen.add(sentence)
        return sentence


def _figure_file_name(rng: random.Random) -> str:
    if rng.random() < 0.15:
        return f"{rng.randint(1, 9)}.{rng.choice(['png', 'jpg'])}"
    return f"{rng.getrandbits(128):032x}.{rng.choice(['png', 'png', 'jpg'])}"


def generate_article(rng: random.Random) -> GeneratedArticle:
    section = rng.choice(SECTIONS)
    title = _capitalize(fill(rng.choice(TITLES[section]), rng))
    paragraph_count = rng.randint(3, 8)
    deck = _SentenceDeck(section, rng)
    sentences = [[deck.draw() for _ in range(rng.randint(2, 5))] for _ in range(paragraph_count)]
    author = None if rng.random() < 0.3 else _chinese_name(rng)
    editor_note = _capitalize(fill(rng.choice(EDITOR_NOTES), rng)) if rng.random() < 0.2 else None
    figure_count = rng.choice([0, 0, 1, 1, 1, 2, 2, 3])
    figure_positions = sorted(rng.randrange(paragraph_count) for _ in range(figure_count))
    figures = [
        (
            _figure_file_name(rng),
            _capitalize(fill(rng.choice(CAPTIONS), rng)) if rng.random() < 0.6 else None,
        )
        for _ in range(figure_count)
    ]
    repeated_paragraph_index = repeated_sentence_index = None
    if rng.random() < 1 / 6:
        repeated_paragraph_index = rng.randrange(paragraph_count)
        repeated_sentence_index = rng.randrange(len(sentences[repeated_paragraph_index]))
    duplicated_paragraph_index = rng.randrange(paragraph_count) if rng.random() < 1 / 8 else None
    page_nav_count = rng.randint(2, 8) if rng.random() < 1 / 3 else 0
    keywords = ["BIT", "Beijing Institute of Technology", section, *rng.sample(SCHOOLS, 2)]
    return GeneratedArticle(
        title=title,
        section=section,
        hour=rng.randint(8, 17),
        minute=rng.randint(0, 59),
        author=author,
        editor_note=editor_note,
        sentences=sentences,
        figures=figures,
        figure_positions=figure_positions,
        repeated_paragraph_index=repeated_paragraph_index,
        repeated_sentence_index=repeated_sentence_index,
        duplicated_paragraph_index=duplicated_paragraph_index,
        page_nav_count=page_nav_count,
        keywords=keywords,
    )
