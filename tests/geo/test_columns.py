"""The gazetteer's mapped cache file (geo/columns.py): what is written reads back the same."""

from array import array

import pytest

from sitrep.geo.columns import read_columns, write_columns


@pytest.fixture()
def mapped(tmp_path):
    columns = {
        "name": ["Aleppo", "Ḩamāh", "Paris", "Paris"], "lat": array("d", [36.2, 35.13, 48.85, 33.66]),
        "lon": array("d", [37.16, 36.76, 2.35, -95.56]), "country": ["SYR", "SYR", "FRA", "USA"],
        "feature": ["PPL", "PPL", "PPL", "PPL"], "resolution": array("B", [1, 1, 1, 1]),
        "population": array("q", [2_000_000, 460_602, 2_138_551, 24_171]), "site": ["", "", "", ""],
        "admin1": array("i", [-1, -1, -1, -1]), "admin2": array("i", [-1, -1, -1, 3]), "capitals": [2],
    }
    index = {"aleppo": 0, "hama": 1, "paris": (2, 3), "halab": 0}
    path = tmp_path / "gazetteer-test.bin"
    write_columns(path, columns, index)
    return columns, index, read_columns(path)


def test_columns_read_back(mapped):
    columns, _, (read, _) = mapped
    for name in ("name", "country", "feature", "site"):
        assert list(read[name]) == columns[name]
    for name in ("lat", "lon", "population", "resolution", "admin1", "admin2"):
        assert list(read[name]) == list(columns[name])
    assert read["name"][1] == "Ḩamāh" and read["name"][-1] == "Paris"
    assert read["capitals"] == [2]


def test_index_finds_every_key_and_nothing_else(mapped):
    _, index, (_, read_index) = mapped
    assert len(read_index) == len(index) and sorted(read_index) == sorted(index)
    for key, rows in index.items():
        assert read_index.get(key) == rows and key in read_index
    assert read_index.get("aaa") is None and "zzz" not in read_index and read_index.get("pari", ()) == ()
    with pytest.raises(KeyError):
        read_index["nowhere"]


def test_a_file_of_another_format_is_refused(tmp_path):
    path = tmp_path / "gazetteer-old.bin"
    path.write_bytes((4).to_bytes(8, "little") + b"\xe9\x00\x00\x00")
    with pytest.raises(ValueError):
        read_columns(path)
