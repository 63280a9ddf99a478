"""A memo that lives exactly as long as one request: what a request reads many times and must
never carry over to the next (the teams an actor is in, on which every access decision rests).

`RequestMemoMiddleware` opens a fresh memo for each request and drops it when the response is
made. Outside a request (a task, a management command, a test calling a service) there is no
memo and every read goes to the database, so nothing is ever answered from an earlier request's
reading. See docs/performance.md ("Caches").
"""

from collections.abc import Callable, Hashable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any

from django.http import HttpRequest, HttpResponseBase

__all__ = ["RequestMemoMiddleware", "memo_scope", "remembered"]

_memo: ContextVar[dict[Hashable, Any] | None] = ContextVar("tandem_request_memo", default=None)


@contextmanager
def memo_scope() -> Iterator[None]:
    """A fresh memo for the code inside (one request)."""
    token = _memo.set({})
    try:
        yield
    finally:
        _memo.reset(token)


def remembered[T](key: Hashable, read: Callable[[], T]) -> T:
    """`read()`, once per request for this key; every time outside a request."""
    memo = _memo.get()
    if memo is None:
        return read()
    if key not in memo:
        memo[key] = read()
    value: T = memo[key]
    return value


class RequestMemoMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        with memo_scope():
            return self.get_response(request)
