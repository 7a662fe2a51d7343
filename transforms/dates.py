"""Dates as aware timestamps: the page's own offset when it gives one, else the source's zone."""

from __future__ import annotations

import re
import warnings
from collections.abc import Iterable, Iterator
from datetime import date, datetime, time, timedelta, timezone, tzinfo
from functools import lru_cache
from zoneinfo import ZoneInfo

from dateutil import parser as dateutil_parser

from records.urls import url_parts

URL_DATE = re.compile(r"/((?:19|20)\d{2})[-/]?(\d{2})[-/](\d{2})(?:/|[-_]|$)")
URL_DATE_DAY_FIRST = re.compile(r"/(\d{2})-(\d{2})-((?:19|20)\d{2})(?:/|[-_.]|$)")  # /29-10-2021
# a month and day of one digit each between slashes: /home/2017/7/12/unter-uns
URL_DATE_SHORT = re.compile(r"/((?:19|20)\d{2})/(\d{1,2})/(\d{1,2})(?:/|$)")
# a whole path segment of eight digits that is a day: /article/20080107/AE/61801473
URL_DATE_COMPACT = re.compile(r"/((?:19|20)\d{2})(0[1-9]|1[0-2])(0[1-9]|[12]\d|3[01])(?=/|$)")
UTC_OFFSET = re.compile(r"\s*(?:Z|[+-]\d{2}:?\d{2}|UTC|GMT)")
ISO_LIKE = re.compile(
    r"\b(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:[ T](\d{1,2}):(\d{2})(?::(\d{2}))?)?"
)
# "10:32 p.m.", "09:22 مساءً": the half of the day goes with the clock
AFTERNOON = r"p\.?\s?m\.?|مساءً|مساء|오후|下午|午後"
MORNING = r"a\.?\s?m\.?|صباحاً|صباحا|오전|上午|午前"
# Korean, Chinese and Japanese say the half of the day before the time: "오후 2:22"
MERIDIEM_FIRST = r"오후|오전|下午|上午|午後|午前"
MERIDIEM = re.compile(rf"\s*(?:(?P<pm>{AFTERNOON})|{MORNING})(?![^\W\d_])", re.IGNORECASE)
EARLIEST_YEAR = 1990
LATEST_YEAR = 2100
HAS_YEAR = re.compile(r"(?<!\d)(?:19|20)\d{2}(?!\d)")
# what dateutil fills in for parts a text leaves out: the first, never today's day
NO_DEFAULTS = datetime(2000, 1, 1)
OTHER_DEFAULTS = datetime(2001, 2, 2)  # a second filling tells which parts were left out
# "2019年3月5日 08時15分", "2024년 3월 5일 14시 22분" (Chinese writes 时, Korean 년 월 일 시 분)
CJK_DAY = re.compile(r"((?:19|20)\d{2})\s*[年년]\s*(\d{1,2})\s*[月월]\s*(\d{1,2})\s*[日일]")
CJK_CLOCK = re.compile(r"(\d{1,2})\s*[時时시]\s*(\d{1,2})\s*[分분]")
# "오후 2:22": the half of the day moved after the clock, where the readings below look for it
HALF_BEFORE_CLOCK = re.compile(rf"({MERIDIEM_FIRST})\s*(\d{{1,2}}:\d{{2}}(?::\d{{2}})?)")
EASTERN_ARABIC_DIGITS = str.maketrans("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹", "0123456789" * 2)
# "10.12.2022", "01-11-2023": dotted or dashed numbers ending in the year are day first
# (German, Dutch, Scandinavian, Russian ...); slashed ones stay dateutil's month first
# "06.01.2026", "29-10-2021", and dotted with spaces as Austrians and Czechs write it: "6. 1. 2026"
DAY_FIRST = re.compile(r"(?<!\d)\d{1,2}(?:\. ?\d{1,2}\. ?|-\d{1,2}-)(?:19|20)\d{2}(?!\d)")


PLAIN_OFFSET = re.compile(r"([+-])(\d{2}):?(\d{2})")
MAX_OFFSET = timedelta(hours=14)  # Kiribati's; no zone is further from UTC


@lru_cache(maxsize=64)
def _zone(name: str) -> tzinfo:
    """A zone by its name ("Asia/Tokyo"), or a fixed offset written "+07:00" (the zone a
    page's own stamps state, `transforms.zones`)."""
    fixed = PLAIN_OFFSET.fullmatch(name)
    if fixed:
        offset = timedelta(hours=int(fixed[2]), minutes=int(fixed[3]))
        return timezone(-offset if fixed[1] == "-" else offset)
    return ZoneInfo(name)


def zone_named(name: str) -> tzinfo:
    """The zone `parse_datetime` places naive values in for `name`."""
    return _zone(name)


def placed_in(moment: datetime, zone: str) -> bool:
    """Whether `moment` was read without an offset and placed in `zone` (one stated in the
    text, even the same one, is another tzinfo object)."""
    return moment.tzinfo is _zone(zone)


def as_aware(moment: datetime, default_timezone: str) -> datetime:
    if moment.tzinfo is None:
        return moment.replace(tzinfo=_zone(default_timezone))
    return moment


def _plausible(moment: datetime | None) -> datetime | None:
    if moment is None or not EARLIEST_YEAR <= moment.year <= LATEST_YEAR:
        return None
    return moment


def _from_iso(text: str) -> datetime | None:
    candidate = text.replace(" ", "T", 1) if len(text) > 10 and text[10] == " " else text
    if candidate.endswith("z"):
        candidate = candidate[:-1] + "Z"
    try:
        return datetime.fromisoformat(candidate)
    except ValueError:
        return None


def parse_datetime(text: str | None, default_timezone: str = "UTC") -> datetime | None:
    """Parse a date or date-time string; naive values are placed in `default_timezone`.

    ISO 8601 (with its offset) is read exactly; an ISO-like date inside other text is taken
    as local time; anything else goes through dateutil. Years outside 1990-2100 are rejected.
    """
    if not text:
        return None
    text = text.strip().translate(EASTERN_ARABIC_DIGITS)
    if not text:
        return None
    # "2019年3月5日（火） 08時15分": the ISO-like reading below takes it as 2019-3-5 08:15
    text = CJK_CLOCK.sub(
        lambda clock: f"{clock[1]}:{int(clock[2]):02d}", CJK_DAY.sub(r"\1-\2-\3", text)
    )
    text = HALF_BEFORE_CLOCK.sub(r"\2 \1", text)
    parsed = _from_iso(text)
    if parsed is None:
        match = ISO_LIKE.search(text)
        if match and not UTC_OFFSET.match(text, match.end()):
            year, month, day, hour, minute, second = (int(g) if g else 0 for g in match.groups())
            half = MERIDIEM.match(text, match.end()) if match[4] else None
            if half and 1 <= hour <= 12:
                hour = hour % 12 + (12 if half["pm"] else 0)
            try:
                parsed = datetime(year, month, day, hour, minute, second)
            except ValueError:
                return None
    if parsed is None:
        if not HAS_YEAR.search(text):
            return None  # dateutil would fill the missing year from today's date
        text = MONTH_NAMED_TWICE.sub(r"\1", text)
        parsed = _by_dateutil(FOREIGN_MONTH.sub(lambda found: MONTH_OF[found[1].casefold()], text))
    parsed = _plausible(parsed)
    return as_aware(parsed, default_timezone) if parsed else None


def _by_dateutil(text: str) -> datetime | None:
    """dateutil's fuzzy reading, when the text states the year, the month and the day: a part
    left out is filled from the default, so a text it cannot read ("الأربعاء، 07 أكتوبر 2020")
    would come back as a made-up day (1 July 2020)."""
    readings = []
    for default in (NO_DEFAULTS, OTHER_DEFAULTS):
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore", dateutil_parser.UnknownTimezoneWarning)
                readings.append(
                    dateutil_parser.parse(
                        text, fuzzy=True, dayfirst=bool(DAY_FIRST.search(text)), default=default
                    )
                )
        except (ValueError, OverflowError):
            return None
    first, second = readings
    if (first.year, first.month, first.day) != (second.year, second.month, second.day):
        return None
    if str(first.year) not in HAS_YEAR.findall(text):
        return None  # a year made of other numbers ("2024년 … 14시" once read as 2014)
    return first


def date_from_url(url: str, default_timezone: str = "UTC") -> datetime | None:
    """`/2026-01/16/c_1.htm`, `/2026/01/16/slug`, `/16-01-2026` or `/20260116/` -> midnight of
    that day in the source zone."""
    match = URL_DATE.search(url)
    if match:
        year, month, day_of_month = match[1], match[2], match[3]
    elif match := URL_DATE_DAY_FIRST.search(url):
        day_of_month, month, year = match[1], match[2], match[3]
    elif (match := URL_DATE_COMPACT.search(path := url_parts(url).path)) or (
        match := URL_DATE_SHORT.search(path)
    ):
        year, month, day_of_month = match[1], match[2], match[3]
    else:
        return None
    try:
        day = date(int(year), int(month), int(day_of_month))
    except ValueError:
        return None
    return datetime.combine(day, time(0, 0), tzinfo=_zone(default_timezone))


# -- dates on label lines ("Time:", "release date ：", "Updated: 10:32", "发布时间：") ----------

PUBLISHED_LABEL = (
    r"release\s*date|released(?:\s+on)?|publish(?:ed|ing)?(?:\s*(?:date|time|on))?|posted(?:\s+on)?"
    r"|submitted(?:\s+on)?"
    r"|date|time|veröffentlicht(?:\s+am)?|publiziert(?:\s+am)?|erschienen(?:\s+am)?|datum"
    r"|publié(?:\s+le)?"
    r"|publicado(?:\s+(?:el|em))?|fecha|pubblicato(?:\s+il)?|gepubliceerd(?:\s+op)?"
    r"|发布时间|发布日期|发表时间|日期|时间"
    # Polish, Czech, Turkish, Indonesian, Russian, Finnish, Swedish, Danish, Norwegian,
    # Hungarian, Romanian
    r"|opublikowano|publikováno|yayınlanma(?:\s+tarihi)?|diterbitkan|опубликовано|julkaistu"
    r"|publicerad|publiceret|publisert|közzétéve|publicat(?:\s+la)?"
    # Korean ("input", "registered", "approved"), Japanese ("published", "delivered")
    r"|기사입력|입력|등록|승인|게재|발행|公開日|公開|配信日|配信|掲載日|投稿日|発行日|发布于|发表于"
    # Vietnamese, Arabic, Hebrew
    r"|ngày\s+đăng|đăng(?:\s+lúc)?|xuất\s+bản|تاريخ\s+النشر|نشر\s+في|פורסם"
)
UPDATED_LABEL = (
    r"updated(?:\s*(?:date|time|on|at))?|last\s+updated|modified|aktualisiert(?:\s+am)?|stand"
    r"|mis\s+à\s+jour(?:\s+le)?|actualizado(?:\s+el)?|aggiornato(?:\s+il)?|更新时间|更新日期"
    r"|atualizado(?:\s+em)?|bijgewerkt(?:\s+op)?|zaktualizowano|aktualizováno|güncelleme"
    r"|güncellenme(?:\s+tarihi)?|diperbarui|обновлено|päivitetty|uppdaterad|opdateret|oppdatert"
    r"|frissítve|actualizat(?:\s+la)?"
    r"|최종\s*수정|수정|업데이트|最終更新日|更新日|更新|cập\s+nhật|آخر\s+تحديث|עודכן"
)
# month names dateutil does not know, to their English ones (German, French, Spanish,
# Italian, Dutch, Portuguese, Russian, Ukrainian, Polish, Turkish, Swedish, Arabic in its
# Egyptian and Levantine names, "_" for a space; English and names spelled alike are left)
FOREIGN_MONTHS = {
    "January": (
        "januar jänner janvier janv. enero ene. gennaio januari janeiro jan. января январь січня stycznia ocak "
        "يناير كانون_الثاني"
    ),
    "February": (
        "februar feber février févr. fevrier fevr. febrero febbraio februari fevereiro "
        "февраля февраль лютого lutego şubat فبراير شباط"
    ),
    "March": "märz mär. maerz mars mart marzo maart março марта март березня marca مارس آذار",
    "April": "avril avr. abril abr. aprile апреля апрель квітня kwietnia nisan أبريل إبريل نيسان",
    "May": "mai mayo maggio mei maio мая май травня maja maj mayıs مايو أيار",
    "June": "juni juin junio giugno junho июня июнь червня czerwca haziran يونيو يونيه حزيران",
    "July": "juli juillet juil. julio luglio julho июля июль липня lipca temmuz يوليو يوليه تموز",
    "August": ("août aout agosto augustus августа август серпня sierpnia ağustos augusti أغسطس آب"),
    "September": (
        "septembre septiembre setiembre settembre setembro сентября сентябрь вересня września eylül "
        "سبتمبر أيلول"
    ),
    "October": (
        "oktober okt. octobre octubre ottobre outubro октября октябрь жовтня października ekim "
        "أكتوبر تشرين_الأول"
    ),
    "November": (
        "novembre noviembre novembro ноября ноябрь листопада listopada kasım نوفمبر تشرين_الثاني"
    ),
    "December": (
        "dezember dez. décembre déc. decembre diciembre dic. dicembre dezembro декабря "
        "декабрь грудня grudnia aralık ديسمبر كانون_الأول"
    ),
}
# Czech, Slovak, Croatian, Romanian, Greek, Hungarian, Finnish, Slovenian in the case a date
# says them ("5. března", "5 Μαρτίου", "5. maaliskuuta"), Danish "marts", Norwegian
# "desember", Indonesian "agustus"; Croatian "listopada" (October) is left to Polish and Czech,
# whose November it is
MORE_MONTHS = {
    "January": "ledna januára siječnja ianuarie ιανουαρίου január tammikuuta januarja",
    "February": "února februára veljače februarie φεβρουαρίου február helmikuuta februarja",
    "March": "března marts ožujka martie μαρτίου március maaliskuuta",
    "April": "dubna apríla travnja aprilie απριλίου április huhtikuuta aprila",
    "May": "května mája svibnja μαΐου május toukokuuta",
    "June": "června júna lipnja iunie ιουνίου június kesäkuuta junija",
    "July": "července júla srpnja iulie ιουλίου július heinäkuuta julija",
    "August": "srpna augusta kolovoza αυγούστου augusztus elokuuta avgusta agustus",
    "September": "září septembra rujna septembrie σεπτεμβρίου szeptember syyskuuta",
    "October": "října októbra oktobra octombrie οκτωβρίου október lokakuuta",
    "November": "listopadu novembra studenoga noiembrie νοεμβρίου marraskuuta",
    "December": "prosince decembra prosinca decembrie δεκεμβρίου joulukuuta desember",
}
# Hebrew (also with "ב", "in"), Hindi, and Thai, whose dates count years from the Buddha
# ("5 มีนาคม 2567" is 5 March 2024)
SCRIPT_MONTHS = {
    "January": "ינואר בינואר जनवरी มกราคม",
    "February": "פברואר בפברואר फ़रवरी फरवरी กุมภาพันธ์",
    "March": "מרץ במרץ मार्च มีนาคม",
    "April": "אפריל באפריל अप्रैल เมษายน",
    "May": "מאי במאי मई พฤษภาคม",
    "June": "יוני ביוני जून มิถุนายน",
    "July": "יולי ביולי जुलाई กรกฎาคม",
    "August": "אוגוסט באוגוסט अगस्त สิงหาคม",
    "September": "ספטמבר בספטמבר सितंबर सितम्बर กันยายน",
    "October": "אוקטובר באוקטובר अक्टूबर ตุลาคม",
    "November": "נובמבר בנובמבר नवंबर नवम्बर พฤศจิกายน",
    "December": "דצמבר בדצמבר दिसंबर दिसम्बर ธันวาคม",
}
MONTH_OF = {
    name.rstrip(".").replace("_", " "): english
    for months in (FOREIGN_MONTHS, MORE_MONTHS, SCRIPT_MONTHS)
    for english, names in months.items()
    for name in names.split()
}
FOREIGN_MONTH_NAMES = "|".join(sorted(map(re.escape, MONTH_OF), key=len, reverse=True))
FOREIGN_MONTH = re.compile(rf"(?<![^\W\d_])({FOREIGN_MONTH_NAMES})\.?(?![^\W\d_])", re.IGNORECASE)
THAI_MONTH_NAMES = "|".join(
    name
    for names in SCRIPT_MONTHS.values()
    for name in names.split()
    if "\u0e00" <= name[0] <= "\u0e7f"
)
MONTH_WORD = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|"
    rf"sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?|{FOREIGN_MONTH_NAMES})\.?"
)
# a month named twice, "24 نيسان / أبريل 2020": Levantine and Egyptian Arabic names side by side
SECOND_NAME = rf"(?:\s*/\s*(?i:{MONTH_WORD}))?"
DATE_VALUE = (
    r"(?:(?:19|20)\d{2}\s*[-/.年년]\s*\d{1,2}\s*[-/.月월]\s*\d{1,2}\s*[日일]?"
    r"|\d{1,2}\.\s?\d{1,2}\.\s?(?:19|20)\d{2}(?!\d)"  # 25.01.2022: day first
    r"|\d{1,2}[/-]\d{1,2}[/-](?:19|20)\d{2}(?!\d)"
    rf"|\d{{1,2}}\.?\s+(?:de\s+)?(?i:{MONTH_WORD}){SECOND_NAME},?\s+(?:de\s+)?(?:19|20)\d{{2}}"
    rf"|(?:19|20)\d{{2}}\.\s+(?i:{MONTH_WORD})\s+\d{{1,2}}\.?(?!\d)"  # 2024. március 5.
    r"|\d{1,2}\s+[A-Z][a-z]{2,8}\.?,?\s+(?:19|20)\d{2}"
    rf"|\d{{1,2}}\s+(?:{THAI_MONTH_NAMES})\s+25\d{{2}}"  # a Thai year: the Buddhist era
    r"|ngày\s+\d{1,2}\s+tháng\s+\d{1,2}\s+năm\s+(?:19|20)\d{2}"  # Vietnamese
    r"|[A-Z][a-z]{2,8}\.?\s+\d{1,2}(?:st|nd|rd|th)?,?\s+(?:19|20)\d{2})"
)
WEEKDAY = r"(?:mon|tue|wed|thu|fri|sat|sun)[a-z]{0,6}\.?,?"  # "Submitted on Mon, 2019-01-21"
# the zone a clock is told in, by its abbreviation: only those naming one offset the world
# over (not "IST", India's, Ireland's or Israel's, nor "CST", Chicago's or China's)
ZONE_ABBREVIATIONS = {
    "UTC": "+00:00",
    "GMT": "+00:00",
    "WET": "+00:00",
    "WEST": "+01:00",
    "BST": "+01:00",
    "CET": "+01:00",
    "MEZ": "+01:00",
    "WAT": "+01:00",
    "CEST": "+02:00",
    "MESZ": "+02:00",
    "EET": "+02:00",
    "CAT": "+02:00",
    "SAST": "+02:00",
    "EEST": "+03:00",
    "EAT": "+03:00",
    "MSK": "+03:00",
    "TRT": "+03:00",
    "PKT": "+05:00",
    "ICT": "+07:00",
    "WIB": "+07:00",
    "WITA": "+08:00",
    "HKT": "+08:00",
    "SGT": "+08:00",
    "PHT": "+08:00",
    "AWST": "+08:00",
    "JST": "+09:00",
    "KST": "+09:00",
    "WIT": "+09:00",
    "AEST": "+10:00",
    "AEDT": "+11:00",
    "NZST": "+12:00",
    "NZDT": "+13:00",
    "EST": "-05:00",
    "EDT": "-04:00",
    "ET": "America/New_York",
    "CDT": "-05:00",
    "CT": "America/Chicago",
    "MST": "-07:00",
    "MDT": "-06:00",
    "MT": "America/Denver",
    "PST": "-08:00",
    "PDT": "-07:00",
    "PT": "America/Los_Angeles",
}
# "18:30 WIB", "10:00 a.m. ET", "14:05 (GMT+8)", "09:12 +0200"
STATED_ZONE = (  # in capitals, whatever the pattern round it: "18:00 et 19:00" is French
    r"(?-i:\(?(?:(?:UTC|GMT)\s*[+-]\s*\d{1,2}(?::?\d{2})?|"
    + "|".join(sorted(ZONE_ABBREVIATIONS, key=len, reverse=True))
    + r"|[+-]\d{2}:?\d{2})\)?)(?![^\W\d_])"
)
TIME_VALUE = (
    rf"(?:(?:{MERIDIEM_FIRST})\s*)?(?:\d{{1,2}}\s*[:：]\s*\d{{2}}(?:\s*[:：]\s*\d{{2}})?"
    r"|\d{1,2}\.\d{2}(?=\s*[Uu]hr)"  # "16.03 Uhr"
    r"|\d{1,2}\s*[時时시]\s*\d{1,2}\s*[分분])"
    rf"(?:\s*(?i:{AFTERNOON}|{MORNING})(?![^\W\d_]))?(?:\s*{STATED_ZONE})?"
)
# what stands between a date and its clock: "18 juil. 2024 à 08:01", "7 January 2008 at 9:15
# PM", "18.07.2024, um 08:01", "18.07.2024 | 08:01"
DATE_CLOCK_JOIN = r"\s*,?\s*(?i:at|um|à|a las|às|alle|om|kl\.?|-|–|\||•|·)?\s*"
LABELLED_DATE = re.compile(
    rf"(?:^|[\s|\[(【])(?P<label>{UPDATED_LABEL}|{PUBLISHED_LABEL})\s*[:：]?\s*"
    rf"(?:{WEEKDAY}\s+)?(?P<date>{DATE_VALUE})?(?:{DATE_CLOCK_JOIN}(?P<time>{TIME_VALUE}))?",
    re.I,
)
MONTH_NAMED_TWICE = re.compile(rf"({MONTH_WORD})\s*/\s*{MONTH_WORD}", re.IGNORECASE)
BARE_DATE = re.compile(rf"(?P<date>{DATE_VALUE})(?:\s*,?\s*(?P<time>{TIME_VALUE}))?")
# ... its clock also after a bar or a dash ("2026-01-08 | 12:42"), read under the headline
# only: a teaser list's and a comment's stamps are written so too
BARE_DATE_JOINED = re.compile(rf"(?P<date>{DATE_VALUE})(?:\s*[,|\-–]?\s*(?P<time>{TIME_VALUE}))?")
CJK_DATE_MARK = re.compile(r"\s*[年月년월]\s*")
VIETNAMESE_DATE = re.compile(
    r"ngày\s+(?P<day>\d{1,2})\s+tháng\s+(?P<month>\d{1,2})\s+năm\s+(?P<year>\d{4})"
)
BUDDHIST_YEAR = re.compile(r"(?<!\d)25\d{2}(?!\d)")
BUDDHIST_ERA_OFFSET = 543


def _stamp(day: str | None, clock: str | None, default_timezone: str) -> datetime | None:
    if not day:
        return None
    day = CJK_DATE_MARK.sub("-", day).replace("日", "").replace("일", "").strip()
    if vietnamese := VIETNAMESE_DATE.fullmatch(day):
        day = f"{vietnamese['year']}-{vietnamese['month']}-{vietnamese['day']}"
    day = BUDDHIST_YEAR.sub(lambda year: str(int(year[0]) - BUDDHIST_ERA_OFFSET), day)
    if clock and (stated := CLOCK_ZONE.search(clock)):
        clock, default_timezone = (
            clock[: stated.start()],
            _zone_stated(stated[1]) or default_timezone,
        )
    if clock:
        half, suffix = MERIDIEM.search(clock), ""
        if half:  # after the time, or before it ("오후 2:22")
            clock = clock[: half.start()] + clock[half.end() :]
            suffix = " PM" if half["pm"] else " AM"
        clock = clock.replace("：", ":").replace(" ", "").replace(".", ":") + suffix
    text = f"{day} {clock}" if clock else day
    return parse_datetime(text, default_timezone)


TIME_OF_DAY = re.compile(TIME_VALUE, re.IGNORECASE)
CLOCK_ZONE = re.compile(rf"\s*({STATED_ZONE})$")
GMT_OFFSET = re.compile(r"(?:UTC|GMT)\s*([+-])\s*(\d{1,2})(?::?(\d{2}))?")


def _zone_stated(written: str) -> str | None:
    """The zone name `_zone` reads for one a clock states: "WIB" -> "+07:00",
    "(GMT+8)" -> "+08:00", "+0200" -> "+02:00", "ET" -> "America/New_York"; None for an
    offset no zone keeps ("+9930")."""
    written = written.strip("()").upper()
    if written in ZONE_ABBREVIATIONS:
        return ZONE_ABBREVIATIONS[written]
    offset = GMT_OFFSET.fullmatch(written) or PLAIN_OFFSET.fullmatch(written)
    if offset is None:
        return None
    if int(offset[3] or 0) >= 60:
        return None
    stated = timedelta(hours=int(offset[2]), minutes=int(offset[3] or 0))
    return offset_name(-stated if offset[1] == "-" else stated)


def offset_name(offset: timedelta) -> str | None:
    """timedelta(hours=-4) -> "-04:00", the name `_zone` reads as a fixed zone; None for an
    offset no zone keeps."""
    if abs(offset) > MAX_OFFSET:
        return None
    minutes = int(offset.total_seconds()) // 60
    sign = "-" if minutes < 0 else "+"
    return f"{sign}{abs(minutes) // 60:02d}:{abs(minutes) % 60:02d}"


DATE_WORDS = re.compile(
    rf"(?<![^\W\d_])(?:{WEEKDAY}|{UPDATED_LABEL}|{PUBLISHED_LABEL}"
    # the words a stamp is written with: "am 5. Mai um 10:39 Uhr", "18 juil. 2024 à 08:01"
    r"|um|at|à|am|on|le|il|el|de|del|uhr|h)(?![^\W\d_])",
    re.IGNORECASE,
)
# how long the text takes to read, set beside its date: "Lesedauer: 4 Minuten", "3 Min.",
# "3 Min Lesezeit", "5 min read", "Temps de lecture : 4 min", "Est. reading time: 1 minute"
READING_TIME_UNIT = r"(?:min(?:ute)?[sn]?\.?|minutos?|minuti)"
READING_TIME = (
    r"(?:(?:est\.?\s+)?(?:lesedauer|lesezeit|reading time|read time|temps de lecture|"
    rf"tiempo de lectura|tempo di lettura|leestijd)\s*[:：]?\s*(?:ca\.?\s*)?\d+\s*{READING_TIME_UNIT}"
    rf"|\d+\s*(?:min\.|{READING_TIME_UNIT}\s*(?:lesezeit|lesedauer|de lecture|de lectura|"
    r"di lettura|leestijd|reading time|read time)|(?:min|minute|minuten)s?\s+(?:read|lesen|"
    r"lecture|lectura)))"
)
READING_TIME_PHRASE = re.compile(rf"(?<![^\W\d_]){READING_TIME}(?![^\W\d_])", re.IGNORECASE)
# the day named by its distance from the reader's: "Heute, 12:19 Uhr", "včera 14:40"
RELATIVE_DAY = re.compile(
    r"(?<![^\W\d_])(?:today|yesterday|heute|gestern|aujourd'hui|hier|hoy|ayer|oggi|ieri"
    r"|vandaag|gisteren|idag|igår|i dag|i går|dnes|včera|dzisiaj|wczoraj|bugün|dün)(?![^\W\d_])",
    re.IGNORECASE,
)
# a stamp relative to the reader's day: "5 hours ago", "vor 3 Stunden", "il y a 2 jours"
RELATIVE_STAMP = re.compile(
    r"(?<![^\W\d_])(?:\d{1,2}\s+(?:min(?:ute)?s?|hours?|hrs?|days?|weeks?)\s+ago"
    r"|vor\s+\d{1,2}\s+(?:min(?:uten?)?|stunden?|std\.?|tagen?|wochen?)"
    r"|il\s+y\s+a\s+\d{1,2}\s+(?:min(?:utes?)?|heures?|h|jours?|semaines?)"
    r"|hace\s+\d{1,2}\s+(?:min(?:utos?)?|horas?|d[ií]as?|semanas?))(?![^\W\d_])",
    re.IGNORECASE,
)
DATE_LINE_MAX_WORDS = 16
DATE_LINE_MAX_CHARS = 160
DATE_LINE_WORDS_LEFT = 1  # "Publiziert: 01.07.2023, 11:16": one word beside a date not a date's


def is_date_line(line: str) -> bool:
    """Whether a line says nothing but when: a date or a time of day with their labels and
    weekday ("Publié le 18 juil. 2024 à 08:01Mis à jour le 18 juil. 2024 à 09:06",
    "20 Nisan 2026•Güncelleme: 20 Nisan 2026", "/ January 11, 2024"), at most one other word."""
    if (
        len(line) > DATE_LINE_MAX_CHARS
        or len(line.split()) > DATE_LINE_MAX_WORDS
        or not any(c.isdigit() for c in line)
    ):
        return False
    line = READING_TIME_PHRASE.sub(" ", line).strip()
    left = RELATIVE_STAMP.sub(" ", BARE_DATE.sub(" ", LABELLED_DATE.sub(" ", line)))
    words_left = DATE_LINE_WORDS_LEFT
    if left == line:
        left = TIME_OF_DAY.sub(" ", RELATIVE_DAY.sub(" ", line))
        if left == line:
            return False  # no date and no time: a figure, a score, a price
        words_left = 0  # a time alone dates nothing beside a word: "John 3:16", "Halftime 2:15"
    left = DATE_WORDS.sub(" ", TIME_OF_DAY.sub(" ", left))
    return len(re.findall(r"[^\W\d_]+", left)) <= words_left


def labelled_dates(
    lines: list[str], default_timezone: str = "UTC", *, day_hint: date | None = None
) -> tuple[datetime | None, datetime | None]:
    """(published, updated) from the first label lines that carry them, ASCII or full-width colon.

    A label with only a time of day ("Updated: 10:32") is placed on `day_hint` (the URL's day).
    """
    published: datetime | None = None
    updated: datetime | None = None
    for line in lines:
        if len(line) > 400:
            continue
        for match in LABELLED_DATE.finditer(line):
            if not (match["date"] or match["time"]):
                continue
            stamp = _stamp(match["date"], match["time"], default_timezone)
            if stamp is None and match["time"] and day_hint is not None:
                stamp = _stamp(day_hint.isoformat(), match["time"], default_timezone)
            if stamp is None:
                continue
            if re.fullmatch(UPDATED_LABEL, match["label"], re.I):
                updated = updated or stamp
            else:
                published = published or stamp
        if published:
            break
    return published, updated


def first_dated_line(
    lines: list[str], default_timezone: str = "UTC", max_chars: int = 80
) -> datetime | None:
    """The first short line holding a full date among a few words: an info bar's
    "Handball Schweiz • 02.02.2022", "Pressemitteilung vom 25. Januar 2022 | Berlin"."""
    return _first_date_in((line for line in lines if len(line) <= max_chars), default_timezone)


def _first_date_in(lines: Iterable[str], default_timezone: str) -> datetime | None:
    return next(_dates_in(lines, default_timezone), None)


def _dates_in(lines: Iterable[str], default_timezone: str) -> Iterator[datetime]:
    """Every date the lines hold, line by line, in reading order."""
    for line in lines:
        for match in BARE_DATE.finditer(line):
            stamp = _stamp(match["date"], match["time"], default_timezone)
            if stamp is not None:
                yield stamp


def date_on_day(
    lines: Iterable[str], day: date, default_timezone: str = "UTC", max_chars: int = 120
) -> datetime | None:
    """The first short line's date that falls on `day` or a day beside it (one moment told in
    two zones): the story's own date line among a masthead's, a sidebar's and comments' dates,
    when the URL says which day the story is of."""
    short = (line for line in lines if len(line) <= max_chars)
    return next(
        (
            stamp
            for stamp in _dates_in(short, default_timezone)
            if abs((stamp.date() - day).days) <= 1
        ),
        None,
    )


def posted_sentence_date(
    lines: list[str], default_timezone: str = "UTC", max_chars: int = 300
) -> datetime | None:
    """The date a blog's "posted" sentence gives: "This entry was posted on Monday, June 4th,
    2018 at 10:00 am and is filed under …", "Dieser Beitrag wurde am Samstag, 3. Dezember 2011
    veröffentlicht"."""
    return _first_date_in(
        (line for line in lines if len(line) <= max_chars and POSTED_SENTENCE.search(line)),
        default_timezone,
    )


POSTED_SENTENCE = re.compile(
    r"\b(?:(?:was|were|been) (?:posted|published|written)|posted on|published on"
    r"|veröffentlicht|geschrieben am|erstellt am|publié le|publicado el|pubblicato il)\b",
    re.IGNORECASE,
)


def leading_date(text: str, default_timezone: str = "UTC") -> datetime | None:
    """A full date opening a paragraph, a press release's dateline: "01.02.2022 „Der ..."."""
    match = BARE_DATE.match(text.lstrip(" ([|–—-"))
    return _stamp(match["date"], match["time"], default_timezone) if match else None


def local_wall_time(moment: datetime, lines: list[str]) -> datetime | None:
    """A UTC instant told in the page's own zone, from the date and clock the page shows:

    - a date with its clock on one line ("November 8, 2023 at 4:56 p.m.") that is the instant
      at some zone's offset settles it: that zone, or None when it keeps the day;
    - else a clock ("21:25") off the instant by a zone's offset, with the local day it gives
      ("3 de mayo de 2022") shown on the page too.
    """
    stated = moment.replace(tzinfo=None, second=0, microsecond=0)  # a clock shows minutes
    lines = [line for line in lines if len(line) <= DATE_LINE_MAX_CHARS]  # not the prose
    days: set[date] = set()
    for line in lines:
        for match in DATE_AND_CLOCK.finditer(line):
            day = _stamp(match["date"], None, "UTC")
            if day is None:
                continue
            days.add(day.date())
            if match["time"] is None:
                continue
            wall = _wall_clock(match["time"], match["half"])
            if wall is None:
                continue
            # "03/05/2022 21:44": day or month first, the instant tells which
            for reading in (day.date(), *_swapped(match["date"], day.date())):
                shift = datetime.combine(reading, wall) - stated
                if _is_zone_offset(shift):
                    return _in_zone(moment, shift)
    for line in lines:
        for clock in CLOCK.finditer(line):
            wall = _wall_clock(clock["time"], clock["half"])
            if wall is None:
                continue
            minutes = (wall.hour * 60 + wall.minute - stated.hour * 60 - stated.minute) % (
                MINUTES_A_DAY
            )
            shift = timedelta(minutes=minutes)
            if shift > EAST_MOST:
                shift -= timedelta(days=1)
            if _is_zone_offset(shift) and (moment + shift).date() in days:
                return _in_zone(moment, shift)
    return None


def _swapped(text: str, parsed: date) -> tuple[date, ...]:
    """The other reading of a slashed date (`parsed` as read) whose first two numbers could
    each be the month."""
    match = SLASHED_DATE.fullmatch(text.strip())
    if match is None:
        return ()
    first, second, year = (int(part) for part in match.groups())
    if first == second or first > 12 or second > 12:
        return ()
    readings = (date(year, first, second), date(year, second, first))  # month first, day first
    return tuple(reading for reading in readings if reading != parsed)


def _wall_clock(text: str, half: str | None) -> time | None:
    hour, minute = (int(part) for part in re.findall(r"\d+", text)[:2])
    if half:
        if not 1 <= hour <= 12:
            return None
        hour = hour % 12 + (12 if half.lower().startswith("p") else 0)
    return time(hour, minute) if hour <= 23 and minute <= 59 else None


def _is_zone_offset(shift: timedelta) -> bool:
    return WEST_MOST <= shift <= EAST_MOST and shift.total_seconds() % (15 * 60) == 0


def _in_zone(moment: datetime, shift: timedelta) -> datetime | None:
    """`moment` in the zone `shift` off UTC, or None when that keeps its calendar day."""
    local = moment.astimezone(timezone(shift))
    return local if local.date() != moment.date() else None


_HALF = r"(?:\s*(?P<half>[apAP])\.?\s?[mM]\b\.?)?"
# "21:25", "21h25", "21:25:07", "9:25 p.m."
_CLOCK_VALUE = rf"(?P<time>\d{{1,2}}\s*[:：h]\s*\d{{2}})(?:[:：]\d{{2}})?(?![\d:]){_HALF}"
CLOCK = re.compile(rf"(?<![\d:.]){_CLOCK_VALUE}")
DATE_AND_CLOCK = re.compile(rf"(?P<date>{DATE_VALUE})(?:{DATE_CLOCK_JOIN}{_CLOCK_VALUE})?")
# "12/04/2020", never a piece of a longer run of numbers and slashes ("1/12/04/2020")
SLASHED_DATE = re.compile(r"(?<![\d/])(\d{1,2})/(\d{1,2})/((?:19|20)\d{2})(?![\d/])")
MINUTES_A_DAY = 24 * 60
DATE_LINE_MAX_CHARS = 400
EAST_MOST = timedelta(hours=14)  # UTC+14, Kiribati
WEST_MOST = timedelta(hours=-12)  # UTC-12


# "02.12.19" alone on its line, or before its time: day, month, the year's last two digits
SHORT_YEAR_DATE = re.compile(r"^(\d{1,2})\.(\d{1,2})\.(\d{2})(?=$|[\s,])")
SHORT_YEAR_PIVOT = 69  # "69" and later are the 1900s, as in POSIX strptime's %y


def _with_century(found: re.Match[str]) -> str:
    year = int(found[3])
    century = 1900 if year >= SHORT_YEAR_PIVOT else 2000
    return f"{found[1]}.{found[2]}.{century + year}"


CLOCK_SUFFIX = re.compile(r"(?<=\d)\s*(?:[Uu]hr|h)$")  # "10:39 Uhr"; "3:51 pm" is the clock's
DOTTED_CLOCK_END = re.compile(r"(?<![\d.])(\d{1,2})\.(\d{2})$")  # "16.03" before its "Uhr"


def first_bare_date(
    lines: list[str],
    default_timezone: str = "UTC",
    *,
    short_years: bool = False,
    joined: bool = False,
) -> datetime | None:
    """The first short line that is nothing but a date (an info bar's "2022-11-08"); with
    `short_years`, also day first with a two-digit year ("02.12.19"); with `joined`, also
    with its clock after a bar or a dash ("28. Juni 2025 - 16.03 Uhr")."""
    bare = BARE_DATE_JOINED if joined else BARE_DATE
    for line in lines:
        if len(line) <= 40:
            # brackets and bars around it, or an empty source's comma (", 20 septembrie 2020")
            text = line.strip(" |[]()【】,;•·–—-")
            if short_years:
                text = SHORT_YEAR_DATE.sub(_with_century, text)
            suffix = CLOCK_SUFFIX.search(text)
            if suffix is not None:  # "5. November 2021, 10:39 Uhr", "28. Juni 2025 - 16.03 Uhr"
                text = DOTTED_CLOCK_END.sub(r"\1:\2", text[: suffix.start()])
            match = bare.fullmatch(text)
            if match:
                return _stamp(match["date"], match["time"], default_timezone)
    return None


def date_by_htmldate(html: str, url: str, default_timezone: str = "UTC") -> datetime | None:
    """htmldate's guess of the publication day: the last resort, when nothing else said it."""
    try:
        from htmldate import find_date
    except ImportError:  # pragma: no cover
        return None
    try:
        found = find_date(html, url=url, original_date=True, extensive_search=False)
    except (ValueError, TypeError):
        return None
    return parse_datetime(found, default_timezone) if found else None
