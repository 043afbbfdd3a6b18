"""sitrep.toml: the same settings as the environment, overridden by it and by flags."""

from pathlib import Path

import pytest

from sitrep.settings import load_settings


def write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def test_the_file_sets_store_cache_server_and_status_rules(tmp_path):
    config = write(tmp_path / "sitrep.toml", """
[store]
url = "sqlite:///from-file.db"
[cache]
dir = "/tmp/sitrep-cache-from-file"
[server]
port = 8099
workers = 3
secure_cookies = true
[status]
min_origins = 3
weights = { media = 0.3 }
""")
    settings = load_settings({}, config=config)
    assert settings.store.url == "sqlite:///from-file.db"
    assert str(settings.geo.cache_dir) == "/tmp/sitrep-cache-from-file"
    assert (settings.web.port, settings.web.workers, settings.web.secure_cookies) == (8099, 3, True)
    assert settings.status.min_origins == 3 and settings.status.weight("media") == 0.3
    overridden = load_settings({"SITREP_DB": "sqlite:///from-env.db"}, config=config)
    assert overridden.store.url == "sqlite:///from-env.db" and overridden.web.port == 8099


def test_unknown_or_malformed_settings_are_errors_naming_them(tmp_path):
    with pytest.raises(ValueError, match=r"unknown setting \[store\] uri"):
        load_settings({}, config=write(tmp_path / "a.toml", '[store]\nuri = "sqlite:///x.db"\n'))
    with pytest.raises(ValueError, match="b.toml"):
        load_settings({}, config=write(tmp_path / "b.toml", "[store\n"))
    feeds_only = write(tmp_path / "c.toml", '[[source]]\nname = "x"\nurl = "http://127.0.0.1/feed.xml"\n')
    assert load_settings({}, config=feeds_only).store.url == "sqlite:///sitrep.db"


def test_the_cli_reads_the_file_and_flags_win(invoke, tmp_path, monkeypatch):
    db = tmp_path / "configured.db"
    monkeypatch.chdir(tmp_path)
    write(tmp_path / "sitrep.toml", f'[store]\nurl = "sqlite:///{db}"\n')
    monkeypatch.delenv("SITREP_DB", raising=False)
    result = invoke("sites", "--all")
    assert result.exit_code != 0 and "configured.db" in result.stderr  # a read command names the missing store
    bad = write(tmp_path / "bad.toml", "[server]\nport = 80\nhostname = 'x'\n")
    result = invoke("--config", bad, "sites")
    assert result.exit_code == 2 and "hostname" in result.stderr
