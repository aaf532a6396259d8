#!/usr/bin/env python3
"""Build data/10-states.json (geopol dataset format, version 1) from the
Debian iso-codes package and, when available, the Correlates of War State
System Membership list (v2016).

Usage:
    tools/make_states.py [--iso-dir DIR] [--locale-dir DIR] [--cow CSV]
                         [--out FILE]

Inputs (read in place, nothing is retyped):
  * <iso-dir>/iso_3166-1.json and iso_3166-3.json      (default
    /usr/share/iso-codes/json): codes and English names;
  * <locale-dir>/<ll>/LC_MESSAGES/iso_3166-1.mo and iso_3166-3.mo
    (default /usr/share/locale): the package's gettext catalogues, whose
    msgids are the English names;
  * the package's upstream changelog (/usr/share/doc/iso-codes/changelog.gz)
    for the release date of the installed version, if present;
  * states2016.csv of COW (default: ../shared/data/cow/states2016.csv next
    to the repository, then /work/shared/data/cow/states2016.csv). Without
    it the script still runs, only without COW ids and COW start dates.

Python 3 standard library only. The output is deterministic: records are
sorted by code, names by (lang, kind, text), keys sorted, one record a line.

Rules (see also the tables below):
  1. Every ISO 3166-1 entry becomes an entity whose code is its alpha-3.
     It is kind "state" if it is one of the 193 UN member states or the two
     UN observer states (UN_STATES below, the only curated list); every
     other entry (dependent territories, Antarctica, Taiwan, Western
     Sahara...) becomes kind "other", subkind "territory".
     ids: iso3166-1-alpha2, iso3166-1-alpha3, iso3166-1-numeric, and cow /
     cow-abb when the entry maps to a COW state (COW_TO_ISO).
     Names: English `name` (short), `official_name` (official),
     `common_name` (alias); translations of each from the catalogues with
     the same kind. Codes are ids, not names.
  2. "from" of a state: FROM_OVERRIDES if listed (post-Soviet independence
     declarations etc., each commented), otherwise the first day of the
     state's latest COW spell; no "from" if COW does not list it. "to" is
     null for every current ISO 3166-1 entry. Territories get no dates.
  3. Each ISO 3166-3 (withdrawn) entry is classified in WITHDRAWN:
       "state":     a state that ceased to exist (USSR, Yugoslavia, ...):
                    an entity of kind "state" with its ISO alpha-3 code;
                    "from"/"to" from COW (first day of its first spell;
                    the day after the end of its last spell, intervals
                    being half-open) unless WITHDRAWN_DATES overrides.
       "territory": a former dependency / zone: kind "other", subkind
                    "territory", "to" = the ISO withdrawal date of the code
                    (the date ISO withdrew the code, which is only an
                    approximation of the end of the territory).
       ("renamed", CODE, DATE): the same state still exists under the
                    current code CODE (Burma -> Myanmar): no new entity;
                    its names are added to CODE as historical names valid
                    until DATE (the date of the renaming), with the id
                    iso3166-3-alpha4 / iso3166-3-alpha3.
       "skip":      not a territory of its own.
     A withdrawn entity's ids are only iso3166-3-alpha4 (its former alpha-2
     and numeric codes were reused, e.g. BY, 891, so they cannot be unique
     ids) plus cow / cow-abb when COW lists it separately.
     English names: the ISO text as is (historical); when it has the
     inverted form "X, Y" also "X" (historical) and the uninverted "Y X"
     (if Y ends in " of") or "Y" (official). Translations are the
     catalogue's text as is (historical).
  4. Translations identical to the English name of the same kind are
     emitted only for the core languages (ar ru kk en zh tr fr es de), so
     that every state has a name in each of them ("Canada" in French);
     entries the catalogue does not translate are never emitted.
  5. A state's life overrides COW's spell: LIFE (the dates of the December
     2026 audit, citing it), LIFE_SOURCED (a public page where the audit
     gave no date). EXTRA_STATES adds the states ISO never listed on their
     own (North Yemen, whose YE passed to the Republic of Yemen), each name
     citing its page.
"""

import argparse
import csv
import datetime
import gettext
import gzip
import json
import os
import re
import sys

CORE_LANGS = {"ar", "ru", "kk", "en", "zh", "tr", "fr", "es", "de"}

# --------------------------------------------------------------------------
# Languages: catalogue directory -> BCP 47 tag written in the output.
# Required: ar ru kk zh tr fr es de (+ en from the JSON itself); the others
# are used when the catalogue exists (Central Asia and neighbours).
LANGS = [
    ("ar", "ar"), ("ru", "ru"), ("kk", "kk"), ("zh_CN", "zh"),
    ("zh_TW", "zh-Hant"), ("tr", "tr"), ("fr", "fr"), ("es", "es"),
    ("de", "de"), ("fa", "fa"), ("uk", "uk"), ("uz", "uz"), ("ky", "ky"),
    ("tg", "tg"), ("tk", "tk"), ("az", "az"), ("hy", "hy"), ("ka", "ka"),
]
REQUIRED_LANGS = {"ar", "ru", "kk", "zh_CN", "tr", "fr", "es", "de"}

# --------------------------------------------------------------------------
# The one curated list: the 193 member states of the United Nations (as
# listed on https://www.un.org/en/about-us/member-states, membership
# unchanged since South Sudan joined on 2011-07-14) plus the two non-member
# observer states (Holy See "VAT" and State of Palestine "PSE",
# https://www.un.org/en/about-us/non-member-states). Written as ISO alpha-3.
UN_MEMBERS = """
AFG ALB DZA AND AGO ATG ARG ARM AUS AUT AZE BHS BHR BGD BRB BLR BEL BLZ BEN
BTN BOL BIH BWA BRA BRN BGR BFA BDI CPV KHM CMR CAN CAF TCD CHL CHN COL COM
COG CRI CIV HRV CUB CYP CZE PRK COD DNK DJI DMA DOM ECU EGY SLV GNQ ERI EST
SWZ ETH FJI FIN FRA GAB GMB GEO DEU GHA GRC GRD GTM GIN GNB GUY HTI HND HUN
ISL IND IDN IRN IRQ IRL ISR ITA JAM JPN JOR KAZ KEN KIR KWT KGZ LAO LVA LBN
LSO LBR LBY LIE LTU LUX MDG MWI MYS MDV MLI MLT MHL MRT MUS MEX FSM MCO MNG
MNE MAR MOZ MMR NAM NRU NPL NLD NZL NIC NER NGA MKD NOR OMN PAK PLW PAN PNG
PRY PER PHL POL PRT QAT KOR MDA ROU RUS RWA KNA LCA VCT WSM SMR STP SAU SEN
SRB SYC SLE SGP SVK SVN SLB SOM ZAF SSD ESP LKA SDN SUR SWE CHE SYR TJK THA
TLS TGO TON TTO TUN TUR TKM TUV UGA UKR ARE GBR TZA USA URY UZB VUT VEN VNM
YEM ZMB ZWE
""".split()
UN_OBSERVER_STATES = ["VAT", "PSE"]
assert len(set(UN_MEMBERS)) == 193, len(set(UN_MEMBERS))
UN_STATES = set(UN_MEMBERS) | set(UN_OBSERVER_STATES)

# --------------------------------------------------------------------------
# COW ccode -> ISO alpha-3 (COW's own abbreviations differ from ISO: KZK is
# Kazakhstan, AUS is Austria, SWZ is Switzerland...). The COW abbreviation
# written as "cow-abb" is read from the CSV. COW codes of states with no
# ISO entry (German states, Papal States, Korea 1887-1905, Republic of
# Vietnam, Yemen Arab Republic 678, German Federal Republic 260, Zanzibar,
# Kosovo 347...) are not mapped. 345 (Yugoslavia) is Serbia's code in COW,
# 365 Russia's (including the USSR), 679 the unified Yemen's.
COW_TO_ISO = {
    2: "USA", 20: "CAN", 31: "BHS", 40: "CUB", 41: "HTI", 42: "DOM",
    51: "JAM", 52: "TTO", 53: "BRB", 54: "DMA", 55: "GRD", 56: "LCA",
    57: "VCT", 58: "ATG", 60: "KNA", 70: "MEX", 80: "BLZ", 90: "GTM",
    91: "HND", 92: "SLV", 93: "NIC", 94: "CRI", 95: "PAN", 100: "COL",
    101: "VEN", 110: "GUY", 115: "SUR", 130: "ECU", 135: "PER", 140: "BRA",
    145: "BOL", 150: "PRY", 155: "CHL", 160: "ARG", 165: "URY",
    200: "GBR", 205: "IRL", 210: "NLD", 211: "BEL", 212: "LUX", 220: "FRA",
    221: "MCO", 223: "LIE", 225: "CHE", 230: "ESP", 232: "AND", 235: "PRT",
    255: "DEU", 265: "DDR", 290: "POL", 305: "AUT", 310: "HUN",
    315: "CSK", 316: "CZE", 317: "SVK", 325: "ITA", 331: "SMR", 338: "MLT",
    339: "ALB", 341: "MNE", 343: "MKD", 344: "HRV", 345: "SRB", 346: "BIH",
    349: "SVN", 350: "GRC", 352: "CYP", 355: "BGR", 359: "MDA", 360: "ROU",
    365: "RUS", 366: "EST", 367: "LVA", 368: "LTU", 369: "UKR", 370: "BLR",
    371: "ARM", 372: "GEO", 373: "AZE", 375: "FIN", 380: "SWE", 385: "NOR",
    390: "DNK", 395: "ISL",
    402: "CPV", 403: "STP", 404: "GNB", 411: "GNQ", 420: "GMB", 432: "MLI",
    433: "SEN", 434: "BEN", 435: "MRT", 436: "NER", 437: "CIV", 438: "GIN",
    439: "BFA", 450: "LBR", 451: "SLE", 452: "GHA", 461: "TGO", 471: "CMR",
    475: "NGA", 481: "GAB", 482: "CAF", 483: "TCD", 484: "COG", 490: "COD",
    500: "UGA", 501: "KEN", 510: "TZA", 516: "BDI", 517: "RWA", 520: "SOM",
    522: "DJI", 530: "ETH", 531: "ERI", 540: "AGO", 541: "MOZ", 551: "ZMB",
    552: "ZWE", 553: "MWI", 560: "ZAF", 565: "NAM", 570: "LSO", 571: "BWA",
    572: "SWZ", 580: "MDG", 581: "COM", 590: "MUS", 591: "SYC",
    600: "MAR", 615: "DZA", 616: "TUN", 620: "LBY", 625: "SDN", 626: "SSD",
    630: "IRN", 640: "TUR", 645: "IRQ", 651: "EGY", 652: "SYR", 660: "LBN",
    663: "JOR", 666: "ISR", 670: "SAU", 679: "YEM", 680: "YMD", 690: "KWT",
    692: "BHR", 694: "QAT", 696: "ARE", 698: "OMN",
    700: "AFG", 701: "TKM", 702: "TJK", 703: "KGZ", 704: "UZB", 705: "KAZ",
    710: "CHN", 712: "MNG", 713: "TWN", 731: "PRK", 732: "KOR", 740: "JPN",
    750: "IND", 760: "BTN", 770: "PAK", 771: "BGD", 775: "MMR", 780: "LKA",
    781: "MDV", 790: "NPL", 800: "THA", 811: "KHM", 812: "LAO", 816: "VNM",
    820: "MYS", 830: "SGP", 835: "BRN", 840: "PHL", 850: "IDN", 860: "TLS",
    900: "AUS", 910: "PNG", 920: "NZL", 935: "VUT", 940: "SLB", 946: "KIR",
    947: "TUV", 950: "FJI", 955: "TON", 970: "NRU", 983: "MHL", 986: "PLW",
    987: "FSM", 990: "WSM",
}

# --------------------------------------------------------------------------
# "from" of current states where the start of the latest COW spell is not
# the right date. COW dates the post-Soviet states (except the Baltic ones)
# 1991-12-26, the dissolution of the USSR; we use each republic's
# declaration of independence instead (DESIGN.md: Kazakhstan 1991-12-16).
# Russia starts with its Declaration of State Sovereignty (RUSSIA_START below).
FROM_OVERRIDES = {
    "KAZ": "1991-12-16",  # Law on State Independence
    "UZB": "1991-08-31",  # declaration of independence
    "KGZ": "1991-08-31",  # declaration of independence
    "TJK": "1991-09-09",  # declaration of independence
    "TKM": "1991-10-27",  # independence (referendum of 26 October)
    "AZE": "1991-08-30",  # declaration on restoring independence
                          # (Constitutional Act on independence 1991-10-18)
    "ARM": "1991-09-21",  # independence referendum
    "GEO": "1991-04-09",  # act restoring independence
    "BLR": "1991-08-25",  # declaration of sovereignty given statutory force
    "UKR": "1991-08-24",  # Act of Declaration of Independence
    "MDA": "1991-08-27",  # declaration of independence
    # COW code 345 is Yugoslavia continued by Serbia (latest spell from
    # 1944); today's Serbia exists as such since the end of Serbia and
    # Montenegro (its National Assembly declared it the continuator on
    # 2006-06-05), the day SCG ends below.
    "SRB": "2006-06-05",
    # COW 552 starts at Rhodesia's unilateral declaration (1965-11-11);
    # Zimbabwe became independent on 1980-04-18.
    "ZWE": "1980-04-18",
}

# --------------------------------------------------------------------------
# ISO 3166-3 entries, by alpha-3 (see rule 3 in the module docstring).
WITHDRAWN = {
    "AFI": "territory",   # French Afars and Issas -> Djibouti (1977)
    "ANT": "territory",   # Netherlands Antilles, dissolved 2010-10-10
    "ATB": "territory",   # British Antarctic Territory, now in AQ
    "BUR": ("renamed", "MMR", "1989-06-18"),  # Burma renamed Myanmar
    "BYS": ("renamed", "BLR", "1991-09-19"),  # BSSR renamed Republic of Belarus
    "CSK": "state",       # Czechoslovakia
    "SCG": "state",       # Serbia and Montenegro
    "CTE": "territory",   # Canton and Enderbury Islands, now in Kiribati
    "DDR": "state",       # German Democratic Republic
    "DHY": ("renamed", "BEN", "1975-11-30"),  # Dahomey renamed Benin
    # French Southern and Antarctic Territories: its alpha-3 is the current
    # ATF (French Southern Territories), so its names go to ATF.
    "ATF": ("renamed", "ATF", "1979"),
    "FXX": "skip",        # Metropolitan France: a part of FRA, not a territory
    "GEL": "territory",   # Gilbert and Ellice Islands
    "HVO": ("renamed", "BFA", "1984-08-04"),  # Upper Volta renamed Burkina Faso
    "JTN": "territory",   # Johnston Island, now in UMI
    "MID": "territory",   # Midway Islands, now in UMI
    "NHB": "territory",   # New Hebrides -> Vanuatu (1980)
    "ATN": "territory",   # Dronning Maud Land, now in AQ
    "NTZ": "territory",   # Saudi-Iraqi Neutral Zone
    "PCI": "territory",   # Trust Territory of the Pacific Islands
    "PUS": "territory",   # US Miscellaneous Pacific Islands, now in UMI
    "PCZ": "territory",   # Panama Canal Zone
    "RHO": "territory",   # Southern Rhodesia -> Zimbabwe (1980)
    "SKM": "territory",   # Sikkim, an Indian protectorate, merged 1975
    "SUN": "state",       # USSR
    "TMP": "territory",   # East Timor before independence (TLS)
    "VDR": ("renamed", "VNM", "1976-07-02"),  # DR Viet-Nam -> SR Viet Nam
    "WAK": "territory",   # Wake Island, now in UMI
    "YMD": "state",       # People's Democratic Republic of Yemen
    "YUG": "state",       # Yugoslavia (SFRY 1918/1945-1992, FRY 1992-2003)
    "ZAR": ("renamed", "COD", "1997-05-17"),  # Zaire renamed DR Congo
}

# Dates of withdrawn states where COW does not give them (COW continues the
# USSR as Russia and Yugoslavia as Serbia) or gives its system-membership
# date rather than the state's birth.
WITHDRAWN_DATES = {
    # Treaty on the Creation of the USSR; dissolved 1991-12-26 (DESIGN.md).
    "SUN": {"from": "1922-12-30", "to": "1991-12-26"},
    # Kingdom of Serbs, Croats and Slovenes proclaimed 1918-12-01; the FRY
    # became Serbia and Montenegro on 2003-02-04 (ISO's YUG covers both
    # the SFRY and the FRY, see its comment in iso_3166-3.json).
    "YUG": {"from": "1918-12-01", "to": "2003-02-04"},
    # Constitutional Charter of Serbia and Montenegro 2003-02-04; ended with
    # Montenegro's independence (2006-06-03) and Serbia's declaration as
    # continuator (2006-06-05).
    "SCG": {"from": "2003-02-04", "to": "2006-06-05"},
    # Founded 1949-10-07 (COW's spell starts 1954-03-25); COW's end
    # (1990-10-02) is kept.
    "DDR": {"from": "1949-10-07"},
}

# States that ISO 3166 does not list on their own: North Yemen's code YE
# passed to the Republic of Yemen in 1990, so ISO 3166-3 has no entry for it
# (audit S8: "Yemen Arab Republic not modelled"). Each name cites its page;
# the names no public page was found for stay out (tests/check_dataset.c
# lists them as the only gaps).
def _cite(code):
    return [{"source": code}]

EXTRA_STATES = [
    {"code": "YAR", "kind": "state", "from": "1918", "to": "1990-05-22",
     "ids": {"cow": "678", "cow-abb": "YAR"},
     "sources": [{"source": "wikipedia-yemeni-unification"},
                 {"source": "handwiki-north-yemen"},
                 {"source": "cow-states-2016"}],
     "names": [
         {"text": "Yemen Arab Republic", "lang": "en", "kind": "official",
          "sources": _cite("wikipedia-yemeni-unification")},
         {"text": "North Yemen", "lang": "en", "kind": "alias",
          "sources": _cite("wikipedia-yemeni-unification")},
         {"text": "Mutawakkilite Kingdom of Yemen", "lang": "en",
          "kind": "historical", "to": "1962-09-26",
          "sources": _cite("handwiki-north-yemen")},
         {"text": "الجمهورية العربية اليمنية", "lang": "ar", "kind": "official",
          "sources": _cite("vetogate-2025-09-26")},
         {"text": "اليمن الشمالي", "lang": "ar", "kind": "alias",
          "sources": _cite("vetogate-2025-09-26")},
         {"text": "المملكة المتوكلية اليمنية", "lang": "ar", "kind": "historical",
          "to": "1962-09-26", "sources": _cite("elbalad-3505748")},
         {"text": "Йеменская Арабская Республика", "lang": "ru",
          "kind": "official", "sources": _cite("ruwiki-yar")},
         {"text": "Северный Йемен", "lang": "ru", "kind": "alias",
          "sources": _cite("ruwiki-yar")},
         {"text": "阿拉伯也门共和国", "lang": "zh", "kind": "official",
          "sources": _cite("zhwiki-yemeni-unification")},
         {"text": "北也门", "lang": "zh", "kind": "alias",
          "sources": _cite("zhwiki-yemeni-unification")},
         {"text": "République arabe du Yémen", "lang": "fr",
          "kind": "official", "sources": _cite("universalis-1990-05")},
         {"text": "República Árabe del Yemen", "lang": "es",
          "kind": "official", "sources": _cite("feiraco-2021-04")},
         {"text": "Arabische Republik Jemen", "lang": "de",
          "kind": "official", "sources": _cite("taz-1789951")},
     ]},
]

ISO_SOURCE = "iso-codes"
COW_SOURCE = "cow-states-2016"
COW_HORIZON = "1816-01-01"   # first day of the COW state-system data

# --------------------------------------------------------------------------
# States as they were (geopol issue 11). COW's "from" is the date a state
# entered the interstate system, not the date it came into being; the
# December 2026 dataset audit (../shared/docs/audits/dataset-2026-12.md)
# lists the wrong ones with the date that settles each. A state's interval
# is its life; COW's spells stay what they are, the `cow-states` coding.
# code -> (from, or None for a start before the horizon or one the audit
# could not settle; the audit's own words, quoted as the citation).
AUDIT_SOURCE = "geopol-audit-dataset-2026-12"
AUDIT_FILE = "../shared/docs/audits/dataset-2026-12.md"
LIFE = {
    "DEU": ("1949-05-23", "The FRG existed from 1949-05-23"),
    "TUR": ("1923-10-29", "The Republic was proclaimed 1923-10-29"),
    "CHN": (None, "The PRC dates from 1949-10-01"),
    "NER": ("1960-08-03", "Independence **1960-08-03**"),
    "COM": ("1975-07-06", "Independence **1975-07-06**"),
    "SYR": (None, "Also existed 1946-04-17 to 1958-02-01 (COW first spell dropped)"),
    "KOR": ("1948-08-15", "ROK 1948-08-15"),
    "MNE": ("2006-06-03", "Montenegro declared independence 2006-06-03"),
    "LBN": ("1943-11-22", "Lebanon 1943-11-22"),
    "EGY": ("1922-02-28", "Egypt 1922-02-28"),
    "KIR": ("1979-07-12", "KIR 1979-07-12"),
    "NRU": ("1968-01-31", "NRU 1968-01-31"),
    "TON": ("1970-06-04", "TON 1970-06-04"),
    "TUV": ("1978-10-01", "TUV 1978-10-01"),
    "WSM": ("1962-01-01", "WSM 1962-01-01"),
    "VUT": ("1980-07-30", "VUT 1980-07-30"),
    "FSM": ("1986-11-03", "FSM 1986-11-03"),
    "MHL": ("1986-10-21", "MHL 1986-10-21"),
    "PLW": ("1994-10-01", "PLW 1994-10-01"),
    "TLS": ("2002-05-20", "TLS 2002-05-20"),
    "MKD": ("1991-09-08", "MKD 1991-09-08"),
    "BTN": (None, "BTN and OMN sovereign long before 1971"),
    "OMN": (None, "BTN and OMN sovereign long before 1971"),
}
for _c in ("LIE", "MCO", "SMR", "AND"):
    LIFE[_c] = (None, "All were sovereign long before")
for _c in ("FRA", "JPN", "GRC", "DNK", "NOR", "NLD", "BEL", "LUX", "POL",
           "ETH", "ALB"):
    LIFE[_c] = (None, "These states existed continuously (e.g. Greece since 1830)")

# Russia: the RSFSR's Declaration of State Sovereignty (Russia Day), the
# counterpart of the other republics' declarations in FROM_OVERRIDES; it
# continues the USSR's membership of the UN from 1991-12-24 (SUCCESSION).
RUSSIA_START = ("1990-06-12", "prlib-russia-day",
                "On June 12 1990 the First Congress of People’s Deputies of "
                "the Russian Federation adopted the Declaration of State "
                "Sovereignty of the Russian Soviet Federative Socialist "
                "Republic (RSFSR).")

# Predecessors and successors: (a, type, b, from, [citations]). a is the
# later state. "continuator_of": a continues b's legal personality (its
# seats and treaties); "successor_of": a is one of b's successor states.
def _audit(quote):
    return {"source": AUDIT_SOURCE, "quote": quote}

# The United Arab Republic (audit S7): Egypt and Syria as one state from
# 1958-02-22 until Syria's secession on 1961-09-28. One entity has one life
# (schema 012 keeps an entity's (from, to) and only its recorded history),
# so Syria's and Egypt's lives cannot show the gap: the UAR is an entity of
# its own, with the successions below, and the organizations' rows of SYR
# and EGY stop while it lasts (the UN's in data/20-organizations.json). The
# names no public page was found for (ru, kk, tr, es) stay out
# (tests/check_dataset.c lists them as gaps).
UAR_START = ("wikipedia-uar", "- Year Start: 1958\n- Date Start: 22 February")
UAR_END = ("omniatlas-uar-1958",
           "with Egyptian President Gamal Abdel Nasser becoming president "
           "upon formation of the new state on 22 February. The union lasted "
           "until 28 September 1961, when Syrian Army officers, dissatisfied "
           "with domination by Egypt, seized power in Damascus and restored "
           "the Syrian Republic.")
EXTRA_STATES.append(
    {"code": "UAR", "kind": "state", "from": "1958-02-22", "to": "1961-09-28",
     "sources": [{"source": UAR_START[0], "quote": UAR_START[1]},
                 {"source": UAR_END[0], "quote": UAR_END[1]},
                 _audit("Also existed 1946-04-17 to 1958-02-01 (COW first "
                        "spell dropped)")],
     "names": [
         {"text": "United Arab Republic", "lang": "en", "kind": "official",
          "sources": [{"source": "wikipedia-uar",
                       "quote": "- Conventional Long Name: United Arab Republic"}]},
         {"text": "UAR", "lang": "en", "kind": "acronym",
          "sources": [{"source": "wikipedia-uar",
                       "quote": "- Event End: UAR renamed to Arab Republic of Egypt"}]},
         {"text": "الجمهورية العربية المتحدة", "lang": "ar", "kind": "official",
          "sources": [{"source": "memim-uar",
                       "quote": "United Arab Republic (UAR; Arab الجمهورية "
                                "العربية المتحدة, DMG"}]},
         {"text": "阿拉伯联合共和国", "lang": "zh", "kind": "official",
          "sources": [{"source": "jiangsulong-2020-08-15",
                       "quote": "1958年埃及和叙利亚合并 , 成立了阿拉伯联合共和国"
                                "(简称阿联)"}]},
         {"text": "阿联", "lang": "zh", "kind": "short",
          "sources": [{"source": "jiangsulong-2020-08-15",
                       "quote": "1958年埃及和叙利亚合并 , 成立了阿拉伯联合共和国"
                                "(简称阿联)"}]},
         {"text": "République Arabe Unie", "lang": "fr", "kind": "official",
          "sources": [{"source": "freedefine-uar",
                       "quote": "法语全称:République Arabe Unie"}]},
         {"text": "Vereinigte Arabische Republik", "lang": "de",
          "kind": "official",
          "sources": [{"source": "bfjaawards-de-uar",
                       "quote": "Vereinigte Arabische Republik (U.A.R.), "
                                "Arabisch Al-Jumhūriyyah al-ʿArabiyyah "
                                "al-Muttaḥidah"}]},
     ]})

# The states the audit's hand check found wrong without giving the right
# date (IRN, MNG, NPL): the date a public page gives, with the audit's
# finding. Iran (Qajar Persia) and Nepal (unified in 1768-69) were states
# before COW's horizon: an open start.
AUDIT_WRONG = ("20 dates are wrong or left-censored: RUS CHN USA TUR IRN MNG "
               "DEU FRA GBR JPN KOR SYR EGY YEM MNE NER COM KIR NPL GRC")
LIFE_SOURCED = {
    "IRN": (None, [{"source": "sciref-qajar"}, _audit(AUDIT_WRONG)]),
    "NPL": (None, [{"source": "nepalweekly-2024-01-16"}, _audit(AUDIT_WRONG)]),
    "MNG": ("1911-12-29", [{"source": "officialpublicholidays-mng"},
                           {"source": "cpsctech-2021-12"}, _audit(AUDIT_WRONG)]),
    # Audit S10: "BTN and OMN sovereign long before 1971" (LIFE above). Both
    # were states before COW's horizon (1816): an open start, now settled by
    # a page each (Bhutan unified in the 1630s, Oman's Al Said from 1744).
    "BTN": (None, [{"source": "wikipedia-ngawang-namgyal",
                    "quote": "the unifier of Bhutan as a nation-state"},
                   {"source": "wikipedia-ngawang-namgyal",
                    "quote": "In addition to unifying the various warring "
                             "fiefdoms for the first time in the 1630s"}]),
    "OMN": (None, [{"source": "countrystudies-oman-al-said",
                    "quote": "since the founding of the Al Said dynasty in 1744"}]),
}

# FRG -> Germany (issue 11): the GDR acceded to the Federal Republic, which
# continued as one state, the same member of every organization, and took
# the designation "Germany" on the day of unity. So DEU is the Federal
# Republic from 1949-05-23 (LIFE) and the step of 1990 is written on it: the
# GDR's accession (DEU successor_of DDR, with the attributes below) and the
# names "West Germany" ending that day (DATED_NAMES). A second entity for
# the FRG before 1990 would leave "Germany in NATO in 1980" without an
# answer, and ISO 3166 never withdrew DE (as it withdrew SU, YU and YD).
WIPO_GERMANY = ("the accession of the German Democratic Republic, to "
                "the Federal Republic of Germany with effect from 3 October "
                "1990, the two German states have united to form one "
                "sovereign state, which as a single member of the World "
                "Intellectual Property Organization remains bound by the "
                "provisions of the Convention Establishing the World "
                "Intellectual Property Organization. As from the date of "
                "unification, the Federal Republic of Germany will act in the "
                "World Intellectual Property Organization under the "
                "designation of 'Germany'.")
# The United Nations' own account of the UAR's seat (the source is
# data/20-organizations.json's, which cites it for the UN rows).
UN_DPI_UAR = ("Egypt and Syria were original Members of the United Nations "
              "from 24 October 1945. Following a plebiscite on 21 February "
              "1958, the United Arab Republic was established by a union of "
              "Egypt and Syria and continued as a single Member. On 13 "
              "October 1961, Syria, having resumed its status as an "
              "independent State, resumed its separate membership in the "
              "United Nations.")
UAR_NOTE = ("One entity has one life: SYR's and EGY's lives are not cut by "
            "the UAR (1958-02-22 to 1961-09-28); their memberships stop "
            "while it lasts, and the UAR holds the UN seat (audit S7).")
SUCCESSION_ATTRS = {
    ("UAR", "EGY"): {"mode": "union of Egypt and Syria", "note": UAR_NOTE},
    ("UAR", "SYR"): {"mode": "union of Egypt and Syria", "note": UAR_NOTE},
    ("SYR", "UAR"): {"mode": "secession of Syria", "note": UAR_NOTE},
    ("EGY", "UAR"): {"continuator": "EGY: Egypt kept the UAR's seat and, "
                                    "until 1971, its name",
                     "note": UAR_NOTE},
    ("DEU", "DDR"): {
        "mode": "accession of the GDR to the Federal Republic (Article 23 "
                "of the Basic Law)",
        "continuator": "DEU: the Federal Republic of Germany continues as "
                       "one state, under the designation 'Germany' from "
                       "1990-10-03"},
}

SUCCESSION = [
    ("RUS", "continuator_of", "SUN", "1991-12-24", [
        {"source": "un-ask-378083",
         "quote": "the President of the Russian Federation informed the "
                  "Secretary-General that the membership of the Union of "
                  "Soviet Socialist Republics in the United Nations, "
                  "including the Security Council and all other organs and "
                  "organizations of the United Nations system, was being "
                  "continued by the Russian Federation"}]),
    ("DEU", "successor_of", "DDR", "1990-10-03", [
        {"source": "unification-treaty-1990",
         "quote": "Upon the accession of the German Democratic Republic to "
                  "the Federal Republic of Germany, in accordance with "
                  "Article 23 of the Basic Law taking effect on October 3rd"},
        {"source": "wipo-de-remarks", "quote": WIPO_GERMANY}]),
    ("SCG", "continuator_of", "YUG", "2003-02-04", [{"source": ISO_SOURCE}]),
    ("SRB", "continuator_of", "SCG", "2006-06-05", [{"source": ISO_SOURCE}]),
    ("MNE", "successor_of", "SCG", "2006-06-03", [
        _audit("Montenegro declared independence 2006-06-03")]),
    ("YEM", "successor_of", "YMD", "1990-05-22", [
        {"source": COW_SOURCE},
        _audit("YAR existed 1918/1926 to 1990")]),
    ("YEM", "successor_of", "YAR", "1990-05-22", [
        {"source": "wikipedia-yemeni-unification"},
        _audit("YAR existed 1918/1926 to 1990")]),
    ("UAR", "successor_of", "EGY", "1958-02-22", [
        {"source": UAR_START[0], "quote": UAR_START[1]},
        {"source": "un-member-states-dpi", "quote": UN_DPI_UAR}]),
    ("UAR", "successor_of", "SYR", "1958-02-22", [
        {"source": UAR_START[0], "quote": UAR_START[1]},
        {"source": "un-member-states-dpi", "quote": UN_DPI_UAR}]),
    ("SYR", "successor_of", "UAR", "1961-09-28", [
        {"source": UAR_END[0], "quote": UAR_END[1]}]),
    ("EGY", "continuator_of", "UAR", "1961-09-28", [
        {"source": UAR_END[0], "quote": UAR_END[1]},
        {"source": "un-member-states-dpi", "quote": UN_DPI_UAR}]),
    ("CZE", "successor_of", "CSK", "1993-01-01", [{"source": COW_SOURCE}]),
    ("SVK", "successor_of", "CSK", "1993-01-01", [{"source": COW_SOURCE}]),
]

# Names that held until a date, each citing the page that gives it: (code,
# lang, kind, text, to, source, quote). West Germany is the common name of
# the Federal Republic until unity (1990-10-03).
DATED_NAMES = [
    ("DEU", "en", "alias", "West Germany", "1990-10-03",
     "wilsoncenter-german-unification",
     "as well as by the Federal Republic of Germany (West Germany) and the "
     "German Democratic Republic (East Germany)"),
    ("DEU", "ar", "alias", "ألمانيا الغربية", "1990-10-03",
     "arwiki-west-germany",
     "جمهورية ألمانيا الاتحادية (بالألمانية: Bundesrepublik Deutschland) أو "
     "ألمانيا الغربية"),
    ("DEU", "ru", "alias", "Западная Германия", "1990-10-03",
     "trenfo-ru-west-germany",
     "Западная Германия, официально Федеративная Республика Германия"),
    ("DEU", "zh", "alias", "西德", "1990-10-03", "chinamil-1990-10-03",
     "西德总理科尔和东德总理德梅齐埃10月2日晚上分别就德国统一发表电视讲话"),
]

# Names the catalogues get wrong (audit section 4, rows N1-N19): (code,
# lang, kind, wrong text or None to add, right text or None to drop, row).
# The citation is the audit's row, quoted whole. A wrong official name that
# was once right (Bolivia before it became a Plurinational State) is kept
# as historical.
NAME_FIXES = [
    ("MDA", "ar", "alias", "المالديف", "مولدوفا", "N1"),
    ("NPL", "kk", "official", "Орталық Африка Республикасы",
     "Непал Федеративтік Демократиялық Республикасы", "N2"),
    ("KHM", "zh", "official", "柬埔塞王国", "柬埔寨王国", "N3"),
    ("KHM", "zh", "short", "柬埔塞", "柬埔寨", "N3"),
    ("DMA", "zh", "official", "米尼克共和国", "多米尼克国", "N4"),
    ("VAT", "ar", "short", "المقعد المقدّس (ولاية مدينة الفاتيكان)",
     "الكرسي الرسولي", "N5"),
    ("VAT", "ar", "alias", None, "دولة الفاتيكان", "N5"),
    ("VAT", "zh", "short", "梵地冈", "梵蒂冈", "N5"),
    ("GRC", "ar", "official", "الجمهوريّة الهلنستيّة", "الجمهورية الهيلينية", "N6"),
    ("TGO", "kk", "official", "Тонголез Республикасы", "Того Республикасы", "N7"),
    ("CSK", "ar", "historical", "تشيكوسلوفاكيا، جمهورية سلوفاكيا الاشتراكية",
     "جمهورية تشيكوسلوفاكيا الاشتراكية", "N8"),
    ("FRA", "ar", "official", "جمهوريّة الفرنسيّة", "الجمهورية الفرنسية", "N9"),
    ("KGZ", "zh", "short", "吉尔吉斯坦", "吉尔吉斯斯坦", "N10"),
    ("KGZ", "ru", "official", "Республика Кыргызстан", "Кыргызская Республика", "N10"),
    ("SMR", "zh", "short", "圣马力诺市", "圣马力诺", "N11"),
    ("BOL", "ar", "official", None, "دولة بوليفيا المتعددة القوميات", "N12"),
    ("BOL", "zh", "official", None, "多民族玻利维亚国", "N12"),
    ("BOL", "zh", "alias", "波利维亚", "玻利维亚", "N12"),
    ("IRN", "ru", "official", "Исламская Респу́блика Иран", "Исламская Республика Иран", "N13"),
    ("MHL", "ru", "official", "Респу́блика Маршалловы Острова",
     "Республика Маршалловы Острова", "N13"),
    ("BLR", "en", "historical", "Byelorussian SSR Soviet Socialist Republic",
     "Byelorussian Soviet Socialist Republic", "N14"),
    ("BLR", "ar", "alias", None, "بيلاروسيا", "N14"),
    ("BLR", "ru", "alias", None, "Белоруссия", "N14"),
    ("MNE", "ar", "short", None, "الجبل الأسود", "N15"),
    ("LTU", "ar", "short", "لثوانيا", "ليتوانيا", "N16"),
    ("SRB", "ar", "short", "صربية", "صربيا", "N16"),
    ("TUR", "ar", "official", None, "الجمهورية التركية", "N17"),
    ("TUR", "ru", "official", None, "Турецкая Республика", "N17"),
    ("MNG", "zh", "official", None, "蒙古国", "N18"),
    ("ARE", "ru", "acronym", None, "ОАЭ", "N18"),
    ("ARE", "zh", "official", None, "阿拉伯联合酋长国", "N18"),
    ("RUS", "kk", "official", None, "Ресей Федерациясы", "N18"),
    ("RUS", "zh", "official", None, "俄罗斯联邦", "N18"),
    ("SUN", "ar", "short", None, "الاتحاد السوفيتي", "N18"),
    ("GTM", "zh", "short", "瓜地马拉", "危地马拉", "N19"),
    ("LCA", "zh", "short", "圣路西亚", "圣卢西亚", "N19"),
    ("CZE", "zh", "official", "捷克", "捷克共和国", "N19"),
    ("CAF", "ru", "short", "Центрально-африканская республика",
     "Центральноафриканская Республика", "N19"),
]
# The rest of rows N5, N13, N16 and N19, left after the fixes above (the
# follow-up of the audit, docs/audits-followup/dataset-2026-12-followup.md):
# (code, lang, kind, wrong text or None to add, right text, citations). The
# official forms carried the misspelling the audit corrects in the short
# name (N16: LTU, SRB) or the variant it replaces (N19: GTM); `resolve
# الفاتيكان` found nothing (N5) and `resolve المالديف` reached the Maldives
# only by a fuzzy match on the Persian form (N1, issue 11 point 6).
SOURCED_NAME_FIXES = [
    ("VAT", "ar", "alias", None, "الفاتيكان",
     [{"source": "alwasatnews-698640",
       "quote": "تبلغ مساحة الفاتيكان 0.44 كم مربع"}, "N5"]),
    ("MDV", "ar", "short", None, "المالديف",
     [{"source": "malaysia29-male",
       "quote": "شهدت ماليه عاصمة المالديف في الفترة الأخيرة"}, "N1"]),
    ("LTU", "ar", "official", "جمهوريّة لثوانيا", "جمهورية ليتوانيا", ["N16"]),
    ("SRB", "ar", "official", "جمهوريّة صربية", "جمهورية صربيا",
     [{"source": "treandpedia-ar-serbia",
       "quote": "جمهورية صربيا ( الصربية الكرواتية : جمهورية صربيا) كانت "
                "وحدة اتحادية"}, "N16"]),
    ("GTM", "zh", "official", "瓜地马拉共和国", "危地马拉共和国",
     [{"source": "blogcrypt-guatemala",
       "quote": "危地马拉共和国(西班牙语:La República de Guatemala;英语:The "
                "Republic of Guatemala),简称危地马拉(Guatemala)"}, "N19"]),
]
# Official names that hold from a date (audit S4: CHN's life is open, as
# China's before COW's horizon, and its official name is the People's
# Republic's, proclaimed 1949-10-01): (code, kind, from, source, quote),
# applied to that kind of name in every language.
NAMES_FROM = [
    ("CHN", "official", "1949-10-01", "guardian-1949-10-01",
     "Mao Zedong stands in Tiananmen Square in Beijing, declaring a New China, "
     "1 October 1949."),
]
# A combining acute accent (U+0301) marks stress in Russian dictionaries; it
# is no part of the name (audit N13: IRN and MHL, fixed above; the catalogue
# has one more, Hong Kong's Russian official name).
STRESS_MARK = "\u0301"

# Translations the catalogues give to the wrong entry: each text is, in
# the same catalogue, the name of another entity (the second code), so
# that the two could not be told apart in that language. Found by
# `geopol check` (two entities of one kind with one name in one language);
# the wrong one is dropped, the other entity keeps its name.
CATALOGUE_MIXUPS = [
    ("ATB", "ar", "مقاطعة المحيط الهندي البريطانيّة", "IOT"),
    ("DDR", "hy", "Կենտրոնական Աֆրիկյան Հանրապետություն", "CAF"),
    ("COD", "ky", "Конго Республикасы", "COG"),
    ("ERI", "fa", "فلسطین", "PSE"),
    ("PSE", "tg", "Давлати Эритрея", "ERI"),
    ("GMB", "fa", "جمهوری زامبیا", "ZMB"),
    ("LKA", "tg", "Князигарии Лихтенштейн", "LIE"),
    ("LVA", "tk", "Litwiýa Respublikasy", "LTU"),
    ("LVA", "tk", "Litwiýa", "LTU"),
]

# Names that were right before a renaming: the old official name becomes
# historical (audit N12: "(pre-2009 name)").
NAME_HISTORICAL = [("BOL", "ar", "جمهورية بوليفيا", "N12"),
                   ("BOL", "zh", "玻利维亚共和国", "N12")]


def audit_row(audit_text, row):
    """The audit's table row for a name defect, verbatim (its citation)."""
    for line in audit_text.splitlines():
        if line.startswith("| %s |" % row):
            return line
    sys.exit("audit row %s not found" % row)


def read_audit(path):
    try:
        with open(path, encoding="utf-8") as f:
            return f.read()
    except OSError as e:
        sys.exit("the dataset audit is needed for its citations: %s" % e)


def fix_names(entities, audit_text):
    for code, lang, kind, wrong, right, row in NAME_FIXES:
        cite = [_audit(audit_row(audit_text, row))]
        names = entities[code]["names"]
        until = None
        if wrong is not None:
            hits = [n for n in names if n["lang"] == lang and n["text"] == wrong]
            if not hits:
                sys.exit("%s: no %s name %r to fix" % (code, lang, wrong))
            for n in hits:
                names.remove(n)
            until = hits[0].get("to")
        if right is not None:
            n = name(right, lang, kind, until)
            n["sources"] = cite
            names.append(n)
    for code, lang, text, other in CATALOGUE_MIXUPS:
        if not any(n["lang"] == lang and n["text"] == text
                   for n in entities[other]["names"]):
            sys.exit("%s: %s name %r is not %s's" % (code, lang, text, other))
        before = len(entities[code]["names"])
        entities[code]["names"] = [n for n in entities[code]["names"]
                                   if not (n["lang"] == lang and n["text"] == text)]
        if len(entities[code]["names"]) == before:
            sys.exit("%s: no %s name %r to drop" % (code, lang, text))
    for code, lang, kind, wrong, right, cites in SOURCED_NAME_FIXES:
        cite = [_audit(audit_row(audit_text, c)) if isinstance(c, str) else c
                for c in cites]
        names = entities[code]["names"]
        until = None
        if wrong is not None:
            hits = [n for n in names if n["lang"] == lang and n["text"] == wrong]
            if not hits:
                sys.exit("%s: no %s name %r to fix" % (code, lang, wrong))
            for n in hits:
                names.remove(n)
            until = hits[0].get("to")
        n = name(right, lang, kind, until)
        n["sources"] = cite
        names.append(n)
    for code, kind, start, source, quote in NAMES_FROM:
        hits = [n for n in entities[code]["names"] if n["kind"] == kind]
        if not hits:
            sys.exit("%s: no %s name to date" % (code, kind))
        for n in hits:
            n["from"] = start
            n["sources"] = n["sources"] + [{"source": source, "quote": quote},
                                           _audit(audit_row(audit_text, "S4"))]
    for e in entities.values():
        for n in e["names"]:
            if STRESS_MARK in n["text"]:
                n["text"] = n["text"].replace(STRESS_MARK, "")
                n["sources"] = n["sources"] + [_audit(audit_row(audit_text, "N13"))]
    for code, lang, kind, text, to, source, quote in DATED_NAMES:
        n = name(text, lang, kind, to)
        n["sources"] = [{"source": source, "quote": quote}]
        entities[code]["names"].append(n)
    for code, lang, text, row in NAME_HISTORICAL:
        for n in entities[code]["names"]:
            if n["lang"] == lang and n["text"] == text:
                n["kind"] = "historical"
                n["sources"] = [_audit(audit_row(audit_text, row))]


EXTRA_SOURCES = [
    {"code": AUDIT_SOURCE,
     "title": "The built-in dataset: an outside accuracy audit (December 2026)",
     "publisher": "geopol project", "published": "2026-12", "lang": "en",
     "file": AUDIT_FILE},
    {"code": "prlib-russia-day",
     "title": "Declaration of State Sovereignty of the RSFSR adopted — Day of Russia",
     "publisher": "Presidential Library (Boris Yeltsin)", "lang": "en",
     "url": "https://www.prlib.ru/en/history/619308"},
    {"code": "un-ask-378083",
     "title": "Where can I find the letters of 24 December 1991 regarding the "
              "continuation of the membership of the USSR by the Russian Federation?",
     "publisher": "United Nations (Ask DAG)", "lang": "en",
     "url": "https://ask.un.org/faq/378083"},
    {"code": "unification-treaty-1990",
     "title": "Treaty between the FRG and the GDR on the Establishment of "
              "German Unity (Unification Treaty), 31 August 1990",
     "publisher": "Alpha History", "lang": "en",
     "url": "https://alphahistory.com/coldwar/german-unification-treaty-1990/"},
]

EXTRA_SOURCES += [
    {"code": "wikipedia-yemeni-unification", "title": "Yemeni unification",
     "publisher": "Wikipedia", "lang": "en",
     "url": "https://en.wikipedia.org/wiki/Yemeni_unification"},
    {"code": "handwiki-north-yemen", "title": "Place:North Yemen",
     "publisher": "HandWiki", "lang": "en",
     "url": "https://handwiki.org/wiki/Place:North_Yemen"},
    {"code": "vetogate-2025-09-26",
     "publisher": "فيتو",
     "published": "2025-09-26", "lang": "ar",
     "url": "https://www.vetogate.com/5499467"},
    {"code": "elbalad-3505748",
     "title": "56 عاما على ثورة اليمن وإعلان الجمهورية بمشاركة المصريين",
     "publisher": "صدى البلد", "lang": "ar",
     "url": "https://www.elbalad.news/3505748"},
    {"code": "ruwiki-yar", "title": "Йеменская Арабская Республика",
     "publisher": "Википедия", "lang": "ru",
     "url": "https://ru.wikipedia.org/wiki/%D0%A1%D0%B5%D0%B2%D0%B5%D1%80%D0%BD%D1%8B%D0%B9_%D0%99%D0%B5%D0%BC%D0%B5%D0%BD"},
    {"code": "zhwiki-yemeni-unification", "title": "也门统一",
     "publisher": "维基百科", "lang": "zh",
     "url": "https://zhwiki.oracleblog.org/zh-hans/%E4%B9%9F%E9%96%80%E7%B5%B1%E4%B8%80"},
    {"code": "universalis-1990-05", "title": "21-24 mai 1990 : Yémen. Fusion des deux Yémens",
     "publisher": "Encyclopædia Universalis", "lang": "fr",
     "url": "https://universalis.fr/evenement/21-24-mai-1990-fusion-des-deux-yemens"},
    {"code": "feiraco-2021-04",
     "publisher": "feiraco.blogspot.com", "published": "2021-04", "lang": "es",
     "url": "https://feiraco.blogspot.com/2021/04/unificacion-del-yemen.html"},
    {"code": "sciref-qajar",
     "publisher": "sciref.net", "lang": "en", "url": "http://sciref.net/o20354.html"},
    {"code": "nepalweekly-2024-01-16",
     "publisher": "The Nepal Weekly", "published": "2024-01-16", "lang": "en",
     "url": "https://thenepalweekly.com/2024/01/16/18843/"},
    {"code": "officialpublicholidays-mng", "title": "Independence Day Mongolia 2019",
     "publisher": "officialpublicholidays.com", "lang": "en",
     "url": "https://officialpublicholidays.com/national/independence-day-mongolia-2019"},
    {"code": "cpsctech-2021-12",
     "publisher": "cpsctech.org", "published": "2021-12", "lang": "en",
     "url": "https://www.cpsctech.org/2021/12/110th-independence-day-celebrated-in.html"},
    {"code": "taz-1789951", "title": "Nord- und Südjemen bilden eine Republik",
     "publisher": "taz (AFP)", "lang": "de", "url": "https://taz.de/!1789951"},
    {"code": "wipo-de-remarks",
     "publisher": "World Intellectual Property Organization (WIPO Lex)",
     "lang": "en", "url": "https://wipo.int/wipolex/en/treaties/parties/remarks/DE/1"},
    {"code": "wilsoncenter-german-unification", "title": "German Unification",
     "publisher": "Wilson Center, Cold War Files", "lang": "en",
     "url": "http://legacy.wilsoncenter.org/coldwarfiles/index-8259.html"},
    {"code": "arwiki-west-germany", "title": "ألمانيا الغربية",
     "publisher": "ويكيبيديا", "lang": "ar",
     "url": "https://iiab.me/kiwix/content/wikipedia_ar_all_maxi_2022-09/A/%D8%A7%D9%84%D9%85%D8%A7%D9%86%D9%8A%D8%A7_%D8%A7%D9%84%D8%BA%D8%B1%D8%A8%D9%8A%D8%A9"},
    {"code": "trenfo-ru-west-germany",
     "title": "Федеративная Республика Германии (1949—1990)",
     "publisher": "trenfo.com", "published": "2021-11-24", "lang": "ru",
     "url": "https://trenfo.com/ru/история/федеративная-республика-германии-1949-199"},
    {"code": "chinamil-1990-10-03",
     "title": "1990年10月3日 民主德国正式加入联邦德国 两德实现统一",
     "publisher": "中国军网 (人民网)", "published": "2015-06-15", "lang": "zh",
     "url": "http://photo.chinamil.com.cn/tsjs/2015-06/15/content_6540222.htm"},
]

EXTRA_SOURCES += [
    {"code": "alwasatnews-698640", "publisher": "alwasatnews.com", "lang": "ar",
     "url": "https://www.alwasatnews.com/news/698640.html"},
    {"code": "malaysia29-male", "title": "ماليه عاصمة جزر المالديف",
     "publisher": "malaysia29.com", "lang": "ar",
     "url": "https://malaysia29.com/%D9%85%D8%A7%D9%84%D9%8A%D9%87-%D8%B9%D8%A7%D8%B5%D9%85%D8%A9-%D8%AC%D8%B2%D8%B1-%D8%A7%D9%84%D9%85%D8%A7%D9%84%D8%AF%D9%8A%D9%81"},
    {"code": "treandpedia-ar-serbia", "title": "جمهورية صربيا (1990-2006)",
     "publisher": "treandpedia.com", "lang": "ar",
     "url": "https://www.treandpedia.com/ar/Rep%C3%BAblica_Federal_da_S%C3%A9rvia_(1990-2006)"},
    {"code": "guardian-1949-10-01",
     "title": "Mao Zedong proclaims the establishment of the People's Republic of China - archive, 1949",
     "publisher": "The Guardian", "published": "2019-10-01", "lang": "en",
     "url": "https://www.theguardian.com/world/from-the-archive-blog/2019/oct/01/mao-zedong-proclaims-establishment-of-peoples-republic-of-china-1949"},
    {"code": "blogcrypt-guatemala", "publisher": "blogcrypt.com", "lang": "zh",
     "url": "http://blogcrypt.com/blogcrypt/7284775174695682087"},
]

EXTRA_SOURCES += [
    {"code": "wikipedia-ngawang-namgyal", "title": "Ngawang Namgyal",
     "publisher": "Wikipedia", "lang": "en",
     "url": "https://en.wikipedia.org/wiki/Ngawang_Namgyal"},
    {"code": "countrystudies-oman-al-said",
     "title": "Persian Gulf States: A Country Study (Oman: History)",
     "publisher": "Library of Congress, Federal Research Division "
                  "(countrystudies.us)", "lang": "en",
     "url": "http://countrystudies.us/persian-gulf-states/57.htm"},
    {"code": "wikipedia-uar", "title": "United Arab Republic",
     "publisher": "Wikipedia", "lang": "en",
     "url": "https://en.wikipedia.org/wiki/United_Arab_Republic"},
    {"code": "omniatlas-uar-1958",
     "title": "Eastern Mediterranean 1958: United Arab Republic",
     "publisher": "Omniatlas", "lang": "en",
     "url": "https://omniatlas.com/maps/eastern-mediterranean/19580222/"},
    {"code": "memim-uar", "title": "United Arab Republic",
     "publisher": "memim.com", "lang": "en",
     "url": "https://memim.com/united-arab-republic.html"},
    {"code": "jiangsulong-2020-08-15",
     "title": "1958年埃及与叙利亚合并:曾经的阿拉伯联合共和国",
     "publisher": "jiangsulong.com", "published": "2020-08-15", "lang": "zh",
     "url": "http://m.jiangsulong.com/a/2020/0815/0983826.html"},
    {"code": "freedefine-uar", "title": "阿拉伯联合共和国成立时间和加盟国家介绍",
     "publisher": "历史百科网 (freedefine.cn)", "lang": "zh",
     "url": "https://freedefine.cn/wenzhan/14678.html"},
    {"code": "bfjaawards-de-uar",
     "title": "United Arab Republic (U.A.R.) (Britannica, in German)",
     "publisher": "bfjaawards.com", "lang": "de",
     "url": "https://bfjaawards.com/de/pages/67211-united-arab-republic-u-a-r"},
    {"code": "un-member-states-dpi",
     "title": "United Nations Member States (DPI list, on Wikisource)",
     "publisher": "United Nations Department of Public Information",
     "lang": "en",
     "url": "https://en.wikisource.org/wiki/Page:UNITED_NATIONS_MEMBER_STATES.djvu/6"},
]

RELATION_TYPES = [
    {"code": "continuator_of", "directed": True,
     "label": "A continues the legal personality of B (its seats and treaties)"},
]

NAME_CITATION = [{"source": ISO_SOURCE}]


class _Missing(gettext.NullTranslations):
    """Fallback that tells an absent msgid from a translated one."""

    def gettext(self, message):
        return None


def load_catalogue(locale_dir, ll, domain):
    path = os.path.join(locale_dir, ll, "LC_MESSAGES", domain + ".mo")
    if not os.path.isfile(path):
        return None
    with open(path, "rb") as f:
        t = gettext.GNUTranslations(f)
    t.add_fallback(_Missing())
    return t


def iso_release_date(doc_dir):
    """Release date of the installed iso-codes, from its upstream changelog."""
    path = os.path.join(doc_dir, "changelog.gz")
    try:
        with gzip.open(path, "rt", encoding="utf-8") as f:
            for line in f:
                m = re.match(r"^## \[([0-9.]+)\] \S+ (\d{4}-\d\d-\d\d)", line)
                if m:
                    return m.group(1), m.group(2)
    except OSError:
        pass
    return None, None


def read_cow(path):
    """ccode -> (abb, [(start, end), ...]) with ISO date strings."""
    spells = {}
    with open(path, newline="", encoding="utf-8") as f:
        for row in csv.DictReader(f):
            cc = int(row["ccode"])
            start = "%04d-%02d-%02d" % (int(row["styear"]), int(row["stmonth"]),
                                        int(row["stday"]))
            end = "%04d-%02d-%02d" % (int(row["endyear"]), int(row["endmonth"]),
                                      int(row["endday"]))
            abb, lst = spells.setdefault(cc, (row["stateabb"], []))
            lst.append((start, end))
    for _, lst in spells.values():
        lst.sort()
    return spells


def next_day(iso):
    d = datetime.date.fromisoformat(iso) + datetime.timedelta(days=1)
    return d.isoformat()


def name(text, lang, kind, to=None):
    n = {"text": text, "lang": lang, "kind": kind, "sources": NAME_CITATION}
    if to:
        n["to"] = to
    return n


def english_withdrawn_names(text):
    """ISO 3166-3 English name -> [(text, kind)] (rule 3)."""
    out = [(text, "historical")]
    parts = text.split(", ")
    if len(parts) >= 2:
        out.append((parts[0], "historical"))
    if len(parts) == 2:
        tail = parts[1]
        out.append((tail + " " + parts[0] if tail.endswith(" of") else tail,
                    "official"))
    return out


def dedup_names(names):
    seen = set()
    out = []
    for n in sorted(names, key=lambda n: (n["lang"], n["kind"], n["text"],
                                          n.get("to") or "")):
        k = (n["lang"], n["kind"], n["text"])
        if k in seen:
            continue
        seen.add(k)
        out.append(n)
    return out


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    repo = os.path.dirname(here)
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--iso-dir", default="/usr/share/iso-codes/json")
    ap.add_argument("--locale-dir", default="/usr/share/locale")
    ap.add_argument("--doc-dir", default="/usr/share/doc/iso-codes")
    ap.add_argument("--cow", default=None,
                    help="COW states2016.csv (default: ../shared/data/cow/"
                         "states2016.csv beside the repository, then "
                         "/work/shared/data/cow/states2016.csv)")
    ap.add_argument("--audit", default=os.path.join(repo, AUDIT_FILE),
                    help="the December 2026 dataset audit (default: "
                         "../shared/docs/audits/dataset-2026-12.md)")
    ap.add_argument("--out", default=os.path.join(repo, "data",
                                                  "10-states.json"))
    args = ap.parse_args()

    with open(os.path.join(args.iso_dir, "iso_3166-1.json"),
              encoding="utf-8") as f:
        current = json.load(f)["3166-1"]
    with open(os.path.join(args.iso_dir, "iso_3166-3.json"),
              encoding="utf-8") as f:
        withdrawn = json.load(f)["3166-3"]

    # Catalogues.
    cat1, cat3 = {}, {}
    for ll, tag in LANGS:
        c1 = load_catalogue(args.locale_dir, ll, "iso_3166-1")
        if c1 is None:
            if ll in REQUIRED_LANGS:
                sys.exit("missing catalogue %s/iso_3166-1.mo" % ll)
            continue
        cat1[tag] = c1
        c3 = load_catalogue(args.locale_dir, ll, "iso_3166-3")
        if c3 is not None:
            cat3[tag] = c3

    # COW.
    cow_path = args.cow
    if cow_path is None:
        for cand in (os.path.join(os.path.dirname(repo), "shared", "data",
                                  "cow", "states2016.csv"),
                     "/work/shared/data/cow/states2016.csv"):
            if os.path.isfile(cand):
                cow_path = cand
                break
    cow = {}
    if cow_path and os.path.isfile(cow_path):
        cow = read_cow(cow_path)
        for cc in COW_TO_ISO:
            if cc not in cow:
                sys.exit("COW code %d of COW_TO_ISO is not in %s"
                         % (cc, cow_path))
    else:
        print("warning: COW states2016.csv not found; no COW ids or dates",
              file=sys.stderr)
    iso_to_cow = {iso: cc for cc, iso in COW_TO_ISO.items() if cc in cow}

    def cow_ids(code, ids):
        cc = iso_to_cow.get(code)
        if cc is not None:
            ids["cow"] = str(cc)
            ids["cow-abb"] = cow[cc][0]
        return cc

    def translations(cats, msgid, kind, english, to=None):
        out = []
        for tag in sorted(cats):
            # _catalog holds only what the translators wrote: an absent
            # msgid is untranslated, not "the same as English".
            t = cats[tag]._catalog.get(msgid) if hasattr(cats[tag], "_catalog") \
                else cats[tag].gettext(msgid)
            if not t or not t.strip():
                continue
            if t == english and tag not in CORE_LANGS:
                continue
            out.append(name(t.strip(), tag, kind, to))
        return out

    entities = {}
    current_codes = {e["alpha_3"] for e in current}
    missing_un = UN_STATES - current_codes
    if missing_un:
        sys.exit("UN states not in ISO 3166-1: %s" % sorted(missing_un))

    for e in current:
        code = e["alpha_3"]
        ids = {"iso3166-1-alpha2": e["alpha_2"], "iso3166-1-alpha3": code,
               "iso3166-1-numeric": e["numeric"]}
        sources = [{"source": ISO_SOURCE}]
        cc = cow_ids(code, ids)
        ent = {"code": code, "ids": ids}
        if code in UN_STATES:
            ent["kind"] = "state"
            start = FROM_OVERRIDES.get(code)
            if start is None and cc is not None:
                start = cow[cc][1][-1][0]   # first day of the latest spell
            if cc is not None:
                sources.append({"source": COW_SOURCE})
            if start == COW_HORIZON:
                start = None   # before the data's horizon: an open start
            if code in LIFE:
                start, quote = LIFE[code]
                sources.append(_audit(quote))
            if code in LIFE_SOURCED:
                start, cites = LIFE_SOURCED[code]
                sources += cites
            if code == "RUS":
                start = RUSSIA_START[0]
                sources.append({"source": RUSSIA_START[1],
                                "quote": RUSSIA_START[2]})
            ent["from"] = start
            ent["to"] = None
        else:
            ent["kind"] = "other"
            ent["subkind"] = "territory"
            if cc is not None:
                sources.append({"source": COW_SOURCE})
        names = [name(e["name"], "en", "short")]
        names += translations(cat1, e["name"], "short", e["name"])
        if "official_name" in e:
            names.append(name(e["official_name"], "en", "official"))
            names += translations(cat1, e["official_name"], "official",
                                  e["official_name"])
        if "common_name" in e:
            names.append(name(e["common_name"], "en", "alias"))
            names += translations(cat1, e["common_name"], "alias",
                                  e["common_name"])
        ent["names"] = names
        ent["sources"] = sources
        entities[code] = ent

    for e in withdrawn:
        code = e["alpha_3"]
        rule = WITHDRAWN.get(code)
        if rule is None:
            sys.exit("ISO 3166-3 entry %s (%s) is not classified in WITHDRAWN"
                     % (code, e["name"]))
        if rule == "skip":
            continue
        eng = english_withdrawn_names(e["name"])
        if isinstance(rule, tuple):
            _, target, until = rule
            ent = entities[target]
            ent["ids"]["iso3166-3-alpha4"] = e["alpha_4"]
            ent["ids"]["iso3166-3-alpha3"] = code
            ent["names"] += [name(t, "en", k, until) for t, k in eng]
            ent["names"] += translations(cat3, e["name"], "historical",
                                         e["name"], until)
            continue
        if code in current_codes:
            sys.exit("withdrawn %s collides with a current alpha-3" % code)
        ids = {"iso3166-3-alpha4": e["alpha_4"]}
        sources = [{"source": ISO_SOURCE}]
        ent = {"code": code, "ids": ids}
        if rule == "state":
            ent["kind"] = "state"
            cc = cow_ids(code, ids)
            start = end = None
            if cc is not None:
                start = cow[cc][1][0][0]
                end = next_day(cow[cc][1][-1][1])
                sources.append({"source": COW_SOURCE})
            over = WITHDRAWN_DATES.get(code, {})
            start = over.get("from", start)
            end = over.get("to", end)
            if end is None:
                # Only without COW (CSK, YMD): fall back on the ISO code's
                # withdrawal date, which is later than the real end.
                end = e["withdrawal_date"]
                print("warning: %s ends at its ISO withdrawal date %s"
                      % (code, end), file=sys.stderr)
            ent["from"] = start
            ent["to"] = end
        elif rule == "territory":
            ent["kind"] = "other"
            ent["subkind"] = "territory"
            ent["to"] = e["withdrawal_date"]
        else:
            sys.exit("bad WITHDRAWN rule for %s" % code)
        names = [name(t, "en", k) for t, k in eng]
        names += translations(cat3, e["name"], "historical", e["name"])
        ent["names"] = names
        ent["sources"] = sources
        entities[code] = ent

    for ent in EXTRA_STATES:
        if ent["code"] in entities:
            sys.exit("extra state %s collides with an ISO entry" % ent["code"])
        entities[ent["code"]] = dict(ent)

    fix_names(entities, read_audit(args.audit))
    for ent in entities.values():
        ent["names"] = dedup_names(ent["names"])
        if ent.get("from") is None:
            ent.pop("from", None)

    version, released = iso_release_date(args.doc_dir)
    iso_src = {"code": ISO_SOURCE,
               "title": "ISO 3166-1 and ISO 3166-3 with translations, "
                        "Debian iso-codes package"
                        + (" %s" % version if version else ""),
               "publisher": "Debian iso-codes project",
               "url": "https://salsa.debian.org/iso-codes-team/iso-codes"}
    if released:
        iso_src["published"] = released
    sources = [iso_src]
    if cow:
        sources.append({"code": COW_SOURCE,
                        "title": "Correlates of War State System Membership "
                                 "v2016",
                        "author": "Correlates of War Project",
                        "publisher": "Correlates of War Project",
                        "published": "2017",
                        "url": "https://correlatesofwar.org/data-sets/"
                               "state-system-membership/",
                        "file": "states2016.csv"})

    sources += EXTRA_SOURCES
    # A succession is dated: it holds on its day only, so that a graph at a
    # later date does not carry an edge to a state that no longer exists.
    relations = [{"a": a, "type": t, "b": b, "from": d, "to": next_day(d),
                  "sources": c} for a, t, b, d, c in SUCCESSION]
    for r in relations:
        if (r["a"], r["b"]) in SUCCESSION_ATTRS:
            r["attrs"] = SUCCESSION_ATTRS[(r["a"], r["b"])]
    for r in relations:
        for x in (r["a"], r["b"]):
            if x not in entities:
                sys.exit("succession names unknown entity %s" % x)

    def dumps(obj):
        return json.dumps(obj, ensure_ascii=False, sort_keys=True,
                          separators=(",", ":"))

    lines = ['{', '"format": "geopol-dataset",', '"version": 1,',
             '"sources": [']
    lines.append(",\n".join(dumps(s) for s in sources))
    lines.append('],')
    lines.append('"entities": [')
    lines.append(",\n".join(dumps(entities[c]) for c in sorted(entities)))
    lines.append('],')
    lines.append('"relation_types": [')
    lines.append(",\n".join(dumps(t) for t in RELATION_TYPES))
    lines.append('],')
    lines.append('"relations": [')
    lines.append(",\n".join(dumps(r) for r in relations))
    lines.append(']')
    lines.append('}')
    text = "\n".join(lines) + "\n"
    json.loads(text)  # self-check
    os.makedirs(os.path.dirname(os.path.abspath(args.out)), exist_ok=True)
    tmp = args.out + ".tmp"
    with open(tmp, "w", encoding="utf-8", newline="\n") as f:
        f.write(text)
    os.replace(tmp, args.out)

    kinds = {}
    for ent in entities.values():
        k = ent["kind"] + ("/" + ent["subkind"] if ent.get("subkind") else "")
        kinds[k] = kinds.get(k, 0) + 1
    print("wrote %s: %d entities %s, %d bytes" % (
        args.out, len(entities), kinds, len(text.encode("utf-8"))),
        file=sys.stderr)


if __name__ == "__main__":
    main()
