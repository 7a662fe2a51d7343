"""Yunnan University, English site (english.ynu.edu.cn), on China Daily's regional CMS.

Same platform as BIT's current template: `/YYYY-MM/DD/c_<id>.htm`, title in a bare `h1`, body
in `div.art_cont`, images from `subsites.chinadaily.com.cn/ynu/att/`, and the CMS's
`enpproperty` comment carrying time, author, keywords and standfirst. Only the date line and
the page chrome differ from the platform profile. Listings: `div.lis_box > h3 > a`.
"""

from __future__ import annotations

import re

from transforms.profiles.base import ProfileVersion
from transforms.profiles.shared.china_daily import ChinaDailyRegionalV1


class YnuChinaDailyV1(ChinaDailyRegionalV1):
    NAME = "ynu:china-daily-v1"
    TITLE = "div.detail h1, h1"
    DATE = ".info .time"
    AUTHOR = None
    TITLE_SUFFIX = re.compile(r"\s*-\s*Yunnan University$")


YNU_VERSIONS: tuple[type[ProfileVersion], ...] = (YnuChinaDailyV1,)
