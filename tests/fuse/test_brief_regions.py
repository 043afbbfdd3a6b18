"""Region names for briefs and filters: named regions, codes, names with accents and common aliases."""

import pytest

from sitrep.fuse.brief import region_countries
from sitrep.geo.countries import country_names


@pytest.mark.parametrize(("region", "codes"), [
    ("Syria", {"SYR"}), ("syr", {"SYR"}), ("Côte d'Ivoire", {"CIV"}), ("Cote d\u2019Ivoire", {"CIV"}),
    ("Ivory Coast", {"CIV"}), ("Türkiye", {"TUR"}), ("DRC", {"COD"}), ("  Levant ", {"SYR", "LBN", "JOR", "ISR", "PSE"}),
])
def test_region_names(region, codes):
    assert region_countries(region, country_names()) == codes


def test_unknown_region_says_what_is_accepted():
    with pytest.raises(ValueError, match="unknown region 'Atlantis'.*levant"):
        region_countries("Atlantis", country_names())
    assert region_countries("", country_names()) is None
