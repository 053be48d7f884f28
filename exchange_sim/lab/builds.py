"""Exchange builds: which cumulative update (CU) a lab server runs, named or given as a build number.

A fixture's server may say `cu = "CU11"` or `build = "15.2.986.5"`; without either it runs the
build in model.EXCHANGE_BUILDS (2019: CU14). The build decides what `Get-ExchangeServer` and
ExSetup.exe report, and which parameters the 2022 H1 updates removed (exchange.for_version).
"""

from __future__ import annotations

from exchange_sim.lab.model import EXCHANGE_BUILDS

Build = tuple[int, int, int, int]

# Microsoft's "Exchange Server build numbers and release dates": each update's first build (its later
# security updates keep the CU's major.minor.build and raise only the revision).
CUMULATIVE_UPDATES: dict[str, dict[str, Build]] = {
    "2013": {"RTM": (15, 0, 516, 32), "CU1": (15, 0, 620, 29), "CU2": (15, 0, 712, 24), "CU3": (15, 0, 775, 38),
             "SP1": (15, 0, 847, 32), "CU5": (15, 0, 913, 22), "CU6": (15, 0, 995, 29), "CU7": (15, 0, 1044, 25),
             "CU8": (15, 0, 1076, 9), "CU9": (15, 0, 1104, 5), "CU10": (15, 0, 1130, 7), "CU11": (15, 0, 1156, 6),
             "CU12": (15, 0, 1178, 4), "CU13": (15, 0, 1210, 3), "CU14": (15, 0, 1236, 3), "CU15": (15, 0, 1263, 5),
             "CU16": (15, 0, 1293, 2), "CU17": (15, 0, 1320, 4), "CU18": (15, 0, 1347, 2), "CU19": (15, 0, 1365, 1),
             "CU20": (15, 0, 1367, 3), "CU21": (15, 0, 1395, 4), "CU22": (15, 0, 1473, 3), "CU23": (15, 0, 1497, 2)},
    "2016": {"RTM": (15, 1, 225, 42), "CU1": (15, 1, 396, 30), "CU2": (15, 1, 466, 34), "CU3": (15, 1, 544, 27),
             "CU4": (15, 1, 669, 32), "CU5": (15, 1, 845, 34), "CU6": (15, 1, 1034, 26), "CU7": (15, 1, 1261, 35),
             "CU8": (15, 1, 1415, 2), "CU9": (15, 1, 1466, 3), "CU10": (15, 1, 1531, 3), "CU11": (15, 1, 1591, 10),
             "CU12": (15, 1, 1713, 5), "CU13": (15, 1, 1779, 2), "CU14": (15, 1, 1847, 3), "CU15": (15, 1, 1913, 5),
             "CU16": (15, 1, 1979, 3), "CU17": (15, 1, 2044, 4), "CU18": (15, 1, 2106, 2), "CU19": (15, 1, 2176, 2),
             "CU20": (15, 1, 2242, 4), "CU21": (15, 1, 2308, 8), "CU22": (15, 1, 2375, 7), "CU23": (15, 1, 2507, 6)},
    "2019": {"RTM": (15, 2, 221, 12), "CU1": (15, 2, 330, 5), "CU2": (15, 2, 397, 3), "CU3": (15, 2, 464, 5),
             "CU4": (15, 2, 529, 5), "CU5": (15, 2, 595, 3), "CU6": (15, 2, 659, 4), "CU7": (15, 2, 721, 2),
             "CU8": (15, 2, 792, 3), "CU9": (15, 2, 858, 5), "CU10": (15, 2, 922, 7), "CU11": (15, 2, 986, 5),
             "CU12": (15, 2, 1118, 7), "CU13": (15, 2, 1258, 12), "CU14": (15, 2, 1544, 4), "CU15": (15, 2, 1748, 10)},
    "SE": {"RTM": (15, 2, 2562, 17)},
}

# The major.minor every build of a version carries (2010's service packs are 14.0–14.3, 2007's 8.0–8.3).
_MAJOR_MINOR = {"2007": ((8, 0), (8, 1), (8, 2), (8, 3)), "2010": ((14, 0), (14, 1), (14, 2), (14, 3)),
                "2013": ((15, 0),), "2016": ((15, 1),), "2019": ((15, 2),), "SE": ((15, 2),)}


class BuildError(ValueError):
    """A `cu` or `build` that the server's version never had."""


def default_build(version: str) -> Build:
    return EXCHANGE_BUILDS[version]


def build_of_update(version: str, update: str) -> Build:
    """The build of `update` ("CU11", "rtm") of `version`."""
    updates = CUMULATIVE_UPDATES.get(version, {})
    for name, build in updates.items():
        if name.lower() == update.strip().lower():
            return build
    known = ", ".join(updates) or "none (name a build instead)"
    raise BuildError(f"Exchange {version} has no update '{update}'; its updates: {known}")


def parse_build(version: str, text: str) -> Build:
    """A build number as Exchange prints it ("15.2.986.5", or ExSetup's "15.02.0986.005")."""
    parts = text.strip().split(".")
    if len(parts) != 4 or not all(part.isdigit() for part in parts):
        raise BuildError(f"'{text}' is not a build number (four numbers: major.minor.build.revision)")
    major, minor, build, revision = (int(part) for part in parts)
    if (major, minor) not in _MAJOR_MINOR[version]:
        raise BuildError(f"'{text}' is not a build of Exchange {version}")
    if version == "SE" and build < CUMULATIVE_UPDATES["SE"]["RTM"][2]:
        raise BuildError(f"'{text}' is an Exchange 2019 build, not Exchange SE")
    return major, minor, build, revision


def build_text(build: Build) -> str:
    return ".".join(str(part) for part in build)
