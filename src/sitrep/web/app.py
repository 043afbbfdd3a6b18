"""The web app factory: store, templates, static files, security headers, routers."""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from importlib import resources
from pathlib import Path

from fastapi import FastAPI, Request, Response
from fastapi.exception_handlers import http_exception_handler, request_validation_exception_handler
from fastapi.exceptions import RequestValidationError
from fastapi.openapi.docs import get_swagger_ui_html
from fastapi.responses import HTMLResponse, JSONResponse
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from starlette.exceptions import HTTPException as StarletteHTTPException

from sitrep import __version__
from sitrep.settings import Settings
from sitrep.store import open_store
from sitrep.web.cache import ResponseCache
from sitrep.web.security import CSRF_COOKIE, app_secret, csrf_token, new_csrf_cookie

log = logging.getLogger(__name__)
WEB_DIR = Path(str(resources.files("sitrep.web")))

# Everything is served from our own origin: no CDN, no tile server, no inline script or style.
CSP = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
       "connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'none'; "
       "form-action 'self'; frame-ancestors 'none'")
# Swagger UI starts itself with one inline script.
DOCS_CSP = CSP.replace("script-src 'self'", "script-src 'self' 'unsafe-inline'").replace(
    "style-src 'self'", "style-src 'self' 'unsafe-inline'")


def app_from_env() -> FastAPI:
    """The app of one `sitrep serve --workers N` worker process: the settings come from the
    SITREP_* environment, where `sitrep serve` put the ones its flags changed."""
    import gc

    app = create_app(Settings.from_env())
    gc.collect()
    gc.freeze()  # see sitrep.cli.serve
    return app


def create_app(settings: Settings) -> FastAPI:
    """A FastAPI app over the store named in `settings` (migrated on start)."""
    app = FastAPI(
        title="sitrep", version=__version__, docs_url=None, redoc_url=None,
        description="Sourced events and military-site status from open reports.",
    )
    store = open_store(settings.store.url)
    app.state.settings = settings
    app.state.store = store
    app.state.responses = ResponseCache()
    app.state.secret = app_secret(store, settings.web.secret,
                                  settings.web.secret_file or settings.geo.cache_dir / "web-secret")
    templates = Jinja2Templates(directory=str(WEB_DIR / "templates"))
    templates.env.globals["csrf_token"] = lambda request: request.state.csrf_token
    templates.env.globals["version"] = __version__
    app.state.templates = templates
    app.mount("/static", StaticFiles(directory=str(WEB_DIR / "static")), name="static")

    @app.middleware("http")
    async def security_headers(request: Request, call_next: Callable[[Request], Awaitable[Response]]) -> Response:
        # Every browser gets a CSRF cookie; forms carry the token signed from it.
        cookie = request.cookies.get(CSRF_COOKIE)
        fresh = not cookie or len(cookie) > 64
        if fresh:
            cookie = new_csrf_cookie()
        request.state.csrf_cookie = cookie
        request.state.csrf_token = csrf_token(app.state.secret, cookie or "")
        _drop_empty_query_values(request)
        try:
            response = await call_next(request)
        except Exception:  # noqa: BLE001 - a bug still answers with our headers, never a bare 500
            log.exception("unhandled error on %s %s", request.method, request.url.path)
            response = _server_error(request)
        response.headers["Content-Security-Policy"] = DOCS_CSP if request.url.path == "/docs" else CSP
        response.headers["X-Content-Type-Options"] = "nosniff"
        response.headers["X-Frame-Options"] = "DENY"
        response.headers["Referrer-Policy"] = "same-origin"
        if fresh and response.headers.get("content-type", "").startswith("text/html"):
            response.set_cookie(CSRF_COOKIE, cookie or "", httponly=True, samesite="strict",
                                secure=settings.web.secure_cookies, path="/")
        return response

    @app.exception_handler(StarletteHTTPException)
    async def html_errors(request: Request, exc: StarletteHTTPException) -> Response:
        # People get a page with a way back; API clients keep FastAPI's JSON {"detail": ...}.
        if _wants_json(request):
            return await http_exception_handler(request, exc)
        titles = {404: "Not found", 403: "Forbidden", 400: "Bad request", 429: "Too many requests"}
        return templates.TemplateResponse(
            request, "error.html", {"status_code": exc.status_code, "q": "",
                                    "title": titles.get(exc.status_code, "Error"), "message": exc.detail},
            status_code=exc.status_code, headers=getattr(exc, "headers", None))

    @app.exception_handler(RequestValidationError)
    async def invalid_query(request: Request, exc: RequestValidationError) -> Response:
        # A bad query value on a page ("?limit=abc") gets the error page, not the API's JSON 422.
        if _wants_json(request):
            return await request_validation_exception_handler(request, exc)
        problems = "; ".join(f"{'.'.join(str(x) for x in e.get('loc', ())[1:]) or 'value'}: {e.get('msg')}"
                             for e in exc.errors())
        return templates.TemplateResponse(
            request, "error.html", {"status_code": 400, "q": "", "title": "Bad request",
                                    "message": f"This address has a value we cannot use ({problems})."[:500]},
            status_code=400)

    @app.get("/docs", include_in_schema=False)
    def docs() -> HTMLResponse:
        return get_swagger_ui_html(
            openapi_url="/openapi.json", title="sitrep API",
            swagger_js_url="/static/vendor/swagger-ui/swagger-ui-bundle.js",
            swagger_css_url="/static/vendor/swagger-ui/swagger-ui.css",
            swagger_favicon_url="/static/favicon.svg",
        )

    from sitrep.web import api, discussion, feeds, moderation, pages

    app.include_router(api.router)
    app.include_router(feeds.router)
    app.include_router(discussion.router)
    app.include_router(moderation.router)
    app.include_router(pages.router)
    return app


def _drop_empty_query_values(request: Request) -> None:
    """A filter form sends its empty fields ("?min_sources=&since="): an empty value means "no
    filter", never a value to validate (a number or a date field left blank gave a raw 422)."""
    raw = request.scope.get("query_string", b"")
    if not raw or b"=" not in raw:
        return
    pairs = [p for p in raw.split(b"&") if p and not p.endswith(b"=")]
    if len(pairs) != raw.count(b"&") + 1:
        request.scope["query_string"] = b"&".join(pairs)


def _wants_json(request: Request) -> bool:
    return request.url.path.startswith("/api/") or "text/html" not in request.headers.get("accept", "")


def _server_error(request: Request) -> Response:
    """The 500 answer: JSON for API clients, a plain page for people (no template: it may be broken)."""
    if _wants_json(request):
        return JSONResponse({"detail": "Internal server error"}, status_code=500)
    return HTMLResponse("<!doctype html><html lang=en><meta charset=utf-8><title>500</title>"
                        "<h1>Something went wrong</h1><p>The error has been logged. "
                        "<a href=\"/\">Back to the map</a></p></html>", status_code=500)
