"""Default term lists for China–U.S. relevance (``relevance.china_terms`` / ``us_terms`` override).

Matching rules (see :mod:`crawler.relevance`): a term with a capital letter matches as written,
and also in ALL CAPS when it is longer than three letters ("CHINA" in a tabloid headline, but
never "US" for "us"); an all-lowercase term matches in any case. Chinese terms match anywhere
(Chinese is written without spaces); others only as whole words. A short acronym ("US", "PRC")
does not count inside ALL-CAPS text, where it cannot be told from a word ("WHAT IT MEANS TO US").

An exclusion masks a term inside it: "China Airlines" is a Taiwanese airline, not China, and
"Washington Post" is a newspaper, not the U.S. government.
"""

from __future__ import annotations

CHINA_TERMS: tuple[str, ...] = (
    "China",
    "Chinese",
    "Beijing",
    "Xi Jinping",
    "President Xi",
    "PRC",
    "CCP",
    "Communist Party of China",
    "People's Republic",
    "Taiwan",
    "Taipei",
    "Hong Kong",
    "Xinjiang",
    "Tibet",
    "Huawei",
    "Sino-",
    "中国",
    "中美",
    "中方",
    "北京",
    "习近平",
    "台湾",
    "香港",
    "中共",
    "华为",
)

US_TERMS: tuple[str, ...] = (
    "United States",
    "U.S.",
    "US",
    "USA",
    "U.S.A.",
    "Washington",
    "White House",
    "Trump",
    "Biden",
    "Congress",
    "State Department",
    "Pentagon",
    "美国",
    "美方",
    "中美",
    "白宫",
    "华盛顿",
    "特朗普",
    "拜登",
)

EXCLUSIONS: tuple[str, ...] = (
    "China Airlines",
    "China Southern Airlines",
    "Washington Post",
    "Washington Times",
    "Washington Examiner",
    "Washington State",
    "Washington state",
    "University of Washington",
    "George Washington",
    "Denzel Washington",
    "Washington Nationals",
    "Washington Capitals",
    "Washington Wizards",
    "Washington Commanders",
    "US Open",
    "Congress Party",
    "Trump Tower",
)
"""Phrases that contain a term but do not mean it; shared by both sides."""
