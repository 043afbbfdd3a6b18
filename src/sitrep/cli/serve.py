"""`sitrep serve` and `sitrep admin`: the web app and its moderators."""

from __future__ import annotations

import sys

import click

from sitrep.cli.options import check_store_exists, db_option, err
from sitrep.settings import Settings


@click.command()
@db_option
@click.option("--host", default=None, help="Address to listen on (default 127.0.0.1).")
@click.option("--port", type=int, default=None, help="Port (default 8000).")
@click.option("--forwarded-allow-ips", default=None, metavar="IPS",
              help="Reverse proxies whose X-Forwarded-For is believed (comma-separated; default none).")
@click.option("--workers", type=click.IntRange(1, 64), default=None,
              help="Server processes answering requests in parallel (default 1, or $SITREP_WEB_WORKERS).")
@click.option("--create", is_flag=True,
              help="Serve a new, empty store when --db names a SQLite file that does not exist yet.")
@click.pass_obj
def serve(settings: Settings, db_url: str | None, host: str | None, port: int | None,
          forwarded_allow_ips: str | None, workers: int | None, create: bool) -> None:
    """Serve the web app (map, timeline, sites, events, briefs, API at /docs) on the store."""
    import gc
    import os
    import socket

    import uvicorn

    from sitrep.web.app import create_app

    settings = settings.with_db(db_url).with_web(host=host, port=port, forwarded_allow_ips=forwarded_allow_ips,
                                                 workers=workers)
    web = settings.web
    if not create:
        check_store_exists(settings.store.url)  # a mistyped --db is an error, not an empty dashboard
    try:  # a busy port deserves one clear line, not uvicorn's traceback
        with socket.socket(socket.AF_INET6 if ":" in web.host else socket.AF_INET) as probe:
            probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            probe.bind((web.host, web.port))
    except OSError as error:
        err(f"error: cannot listen on {web.host}:{web.port} ({error.strerror}); try --port {web.port + 1}")
        sys.exit(1)
    app = create_app(settings)  # migrates the store once, before any worker starts
    # The app's long-lived objects (templates, gazetteer names) need no more scanning: freezing
    # them keeps full collections out of request latency (p95 of /api/map 71 -> 24 ms).
    gc.collect()
    gc.freeze()
    shown = "127.0.0.1" if web.host in {"0.0.0.0", "::"} else web.host
    click.echo(f"sitrep dashboard on http://{shown}:{web.port}/  (store {settings.store.url}; "
               f"{web.workers} worker(s); API docs at /docs; Ctrl-C stops)")
    # uvicorn believes X-Forwarded-For from 127.0.0.1 by default: any local client could then
    # rotate the header past the rate limits. Only configured proxies are believed.
    proxied, proxies = bool(web.forwarded_allow_ips), web.forwarded_allow_ips or None
    if web.workers == 1:
        uvicorn.run(app, host=web.host, port=web.port, log_level="warning", proxy_headers=proxied,
                    forwarded_allow_ips=proxies)
        return
    # Worker processes build their own app (uvicorn starts them fresh) from the environment:
    # hand them what the flags changed.
    os.environ.update({"SITREP_DB": settings.store.url, "SITREP_FORWARDED_ALLOW_IPS": web.forwarded_allow_ips})
    uvicorn.run("sitrep.web.app:app_from_env", factory=True, workers=web.workers, host=web.host, port=web.port,
                log_level="warning", proxy_headers=proxied, forwarded_allow_ips=proxies)


@click.group()
def admin() -> None:
    """Moderator accounts for the web app's discussion (comments are moderated at /admin/comments)."""


@admin.command("create")
@click.argument("name")
@db_option
@click.option("--password-stdin", is_flag=True, help="Read the password from the first line of stdin (for scripts).")
@click.option("--replace", is_flag=True, help="Set a new password for an existing moderator (ends their sessions).")
@click.pass_obj
def admin_create(settings: Settings, name: str, db_url: str | None, password_stdin: bool, replace: bool) -> None:
    """Create a moderator NAME; the password is asked twice (hidden) and stored as an argon2 hash."""
    import re

    from sitrep.store import open_store
    from sitrep.store.moderators import add_moderator
    from sitrep.web.passwords import MIN_LENGTH, hash_password

    if not re.fullmatch(r"[A-Za-z0-9_.-]{1,40}", name):
        raise click.BadParameter("use 1-40 letters, digits, '.', '_' or '-'", param_hint="NAME")
    if password_stdin:
        password = sys.stdin.readline().rstrip("\r\n")
    else:
        password = click.prompt("Password", hide_input=True, confirmation_prompt=True)
    if len(password) < MIN_LENGTH:
        err(f"error: the password needs at least {MIN_LENGTH} characters")
        sys.exit(2)
    store = open_store(settings.with_db(db_url).store.url)
    if not add_moderator(store, name, hash_password(password), replace=replace):
        err(f"error: moderator '{name}' exists (use --replace to set a new password)")
        sys.exit(1)
    err(f"moderator '{name}' saved; sign in at /admin/login")
