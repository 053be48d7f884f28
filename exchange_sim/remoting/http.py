"""The aiohttp edge: one POST handler per listener doing the 401 dance, unsealing, dispatching and sealing.

Everything protocol-shaped is below (auth, encryption, soap, dispatcher); this module only moves bytes and
keeps per-TCP-connection state, keyed on the asyncio transport (NTLM authenticates a connection, §3).
"""

from __future__ import annotations

import logging
import weakref
from dataclasses import dataclass

from aiohttp import web

from exchange_sim.remoting import encryption, faults, soap
from exchange_sim.remoting.auth import ADVERTISEMENT, Account, ConnectionAuth, Outcome, UserDirectory, channel_binding_data
from exchange_sim.remoting.dispatcher import Dispatcher
from exchange_sim.remoting.faults import WsmanFault
from exchange_sim.remoting.tls import presented_der

SOAP_CONTENT_TYPE = "application/soap+xml;charset=UTF-8"
DEFAULT_BODY_LIMIT = 10 * 1024 * 1024

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class ListenerPolicy:
    https: bool
    allow_unencrypted: bool
    body_limit: int = DEFAULT_BODY_LIMIT


class WsmanEndpoint:
    """The handler of one listener (one port): its users, its policy, its server's dispatcher."""

    def __init__(self, dispatcher: Dispatcher, directory: UserDirectory, policy: ListenerPolicy) -> None:
        self._dispatcher = dispatcher
        self._directory = directory
        self._policy = policy
        self._connections: weakref.WeakKeyDictionary[object, ConnectionAuth] = weakref.WeakKeyDictionary()

    def application(self, paths: tuple[str, ...]) -> web.Application:
        app = web.Application(client_max_size=self._policy.body_limit)
        for path in paths:
            app.router.add_route("*", path, self.handle)
        return app

    def _connection(self, request: web.Request) -> ConnectionAuth:
        transport = request.transport
        state = self._connections.get(transport) if transport is not None else None
        if state is None:
            der = presented_der(request.get_extra_info("ssl_object")) if self._policy.https else None
            state = ConnectionAuth(
                self._directory,
                encrypted_transport=self._policy.https,
                allow_unencrypted=self._policy.allow_unencrypted,
                channel_binding=channel_binding_data(der) if der else None,
            )
            if transport is not None:
                self._connections[transport] = state
        return state

    async def handle(self, request: web.Request) -> web.StreamResponse:
        # Always read the whole body, also for a 401: clients re-send on the same socket (§3.2).
        try:
            body = await request.read()
        except web.HTTPRequestEntityTooLarge:
            return web.Response(status=413, text="The request body is larger than the service accepts.")
        if request.method != "POST":
            return web.Response(status=405, headers={"Allow": "POST"})
        connection = self._connection(request)
        step = connection.authenticate(request.headers.get("Authorization"))
        if step.outcome is Outcome.REJECTED:
            if step.reason:
                log.info("authentication refused from %s: %s", request.remote, step.reason)
            return self._unauthorized()
        if step.outcome is Outcome.CHALLENGE:
            response = web.Response(status=401)
            if step.header:
                response.headers["WWW-Authenticate"] = step.header
            return response
        assert step.account is not None
        extra = {"WWW-Authenticate": step.header} if step.header else {}
        if not body:
            # The empty POST that ends the handshake before sealed messages start (§15.3).
            return web.Response(status=200, headers=extra)
        sealed = encryption.is_encrypted(request.content_type or request.headers.get("Content-Type", ""))
        if sealed:
            if not connection.sealing:
                return web.Response(status=400, text="This connection cannot decrypt the message.", headers=extra)
            try:
                plain = encryption.open_body(body, connection)
            except encryption.EncryptionError as exc:
                log.info("undecryptable message from %s: %s", request.remote, exc)
                return web.Response(status=400, text="The encrypted message could not be read.", headers=extra)
        else:
            if not self._policy.https and not self._policy.allow_unencrypted:
                # AllowUnencrypted=false: plain SOAP over HTTP is refused (§5, last rule).
                return web.Response(status=400, text="Unencrypted traffic is not allowed.", headers=extra)
            plain = body
        status, reply = await self._dispatch(plain, step.account, request)
        if sealed:
            wrapped = encryption.seal_body(reply, connection)
            headers = {"Content-Type": wrapped.content_type, **extra}
            return web.Response(status=status, body=wrapped.body, headers=headers)
        return web.Response(status=status, body=reply, headers={"Content-Type": SOAP_CONTENT_TYPE, **extra})

    async def _dispatch(self, plain: bytes, account: Account, request: web.Request) -> tuple[int, bytes]:
        machine = self._dispatcher.identity.fqdn
        relates_to: str | None = None
        try:
            parsed = soap.parse_request(plain)
            relates_to = parsed.message_id
            reply = await self._dispatcher.handle(parsed, account, str(request.url))
            return 200, reply
        except WsmanFault as fault:
            return 500, soap.faulted(fault, relates_to or soap.message_id_of(plain), machine)
        except Exception as exc:  # a bug must become a fault on the wire, never a traceback to the client
            log.exception("internal error while serving %s", request.url)
            fault = faults.WsmanFault(
                faults.FaultDetail(faults.INVALID_MESSAGE, f"The service could not process the request ({type(exc).__name__}).",
                                   value="s:Receiver", subcode="w:InternalError")
            )
            return 500, soap.faulted(fault, relates_to, machine)

    @staticmethod
    def _unauthorized() -> web.Response:
        response = web.Response(status=401)
        for value in ADVERTISEMENT:
            response.headers.add("WWW-Authenticate", value)
        return response
