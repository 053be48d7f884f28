"""SOAP 1.2 / WS-Management envelopes: hardened parsing into a request value, reply and fault building.

No HTTP here: bytes in, `WsmanRequest` out; reply values in, bytes out (reference/remoting.md §6, §13).
"""

from __future__ import annotations

import re
import uuid
from dataclasses import dataclass, field
from typing import Iterable, Mapping

from lxml import etree

from exchange_sim.remoting import faults
from exchange_sim.remoting.faults import FaultDetail, WsmanFault

NS_SOAP = "http://www.w3.org/2003/05/soap-envelope"
NS_ADDRESSING = "http://schemas.xmlsoap.org/ws/2004/08/addressing"
NS_WSMAN = "http://schemas.dmtf.org/wbem/wsman/1/wsman.xsd"
NS_MS_WSMAN = "http://schemas.microsoft.com/wbem/wsman/1/wsman.xsd"
NS_SHELL = "http://schemas.microsoft.com/wbem/wsman/1/windows/shell"
NS_TRANSFER = "http://schemas.xmlsoap.org/ws/2004/09/transfer"
NS_FAULT = "http://schemas.microsoft.com/wbem/wsman/1/wsmanfault"
NS_POWERSHELL = "http://schemas.microsoft.com/powershell"

NSMAP = {"s": NS_SOAP, "a": NS_ADDRESSING, "w": NS_WSMAN, "p": NS_MS_WSMAN, "rsp": NS_SHELL, "x": NS_TRANSFER}

ACTION_CREATE = "http://schemas.xmlsoap.org/ws/2004/09/transfer/Create"
ACTION_DELETE = "http://schemas.xmlsoap.org/ws/2004/09/transfer/Delete"
ACTION_COMMAND = f"{NS_SHELL}/Command"
ACTION_RECEIVE = f"{NS_SHELL}/Receive"
ACTION_SEND = f"{NS_SHELL}/Send"
ACTION_SIGNAL = f"{NS_SHELL}/Signal"
ACTION_FAULT = "http://schemas.dmtf.org/wbem/wsman/1/wsman/fault"
ANONYMOUS = "http://schemas.xmlsoap.org/ws/2004/08/addressing/role/anonymous"

DEFAULT_OPERATION_TIMEOUT = 60.0
DEFAULT_MAX_ENVELOPE = 153600

_DURATION = re.compile(
    r"^P(?:(?P<d>\d+(?:\.\d+)?)D)?(?:T(?:(?P<h>\d+(?:\.\d+)?)H)?(?:(?P<m>\d+(?:\.\d+)?)M)?(?:(?P<s>\d+(?:\.\d+)?)S)?)?$"
)

# Remote input is hostile until parsed: no DTD loading, no entity expansion, no network, no huge trees.
_PARSER = etree.XMLParser(
    resolve_entities=False,
    no_network=True,
    load_dtd=False,
    dtd_validation=False,
    huge_tree=False,
    remove_comments=True,
    remove_pis=True,
)


def q(namespace: str, local: str) -> str:
    return f"{{{namespace}}}{local}"


@dataclass(frozen=True)
class WsmanRequest:
    """What the service needs from one envelope; `body` is the first element inside `s:Body`, if any."""

    action: str
    message_id: str
    resource_uri: str
    selectors: Mapping[str, str]
    options: Mapping[str, str]
    operation_timeout: float
    max_envelope_size: int
    body: etree._Element | None = field(default=None, compare=False)

    @property
    def shell_id(self) -> str | None:
        return self.selectors.get("ShellId")

    @property
    def verb(self) -> str:
        return self.action.rsplit("/", 1)[-1]


def parse_duration(text: str) -> float:
    """An xs:duration as WS-Man uses it (`PT20S`, `PT20.000S`) in seconds."""
    match = _DURATION.match(text.strip())
    if not match or text.strip() in ("P", "PT"):
        raise faults.invalid_message(f"OperationTimeout {text!r} is not a duration")
    parts = {key: float(value) if value else 0.0 for key, value in match.groupdict().items()}
    return parts["d"] * 86400 + parts["h"] * 3600 + parts["m"] * 60 + parts["s"]


def parse_xml(data: bytes) -> etree._Element:
    """Parse remote XML with the hardened parser; DTDs of any kind are refused outright."""
    try:
        root = etree.fromstring(data, _PARSER)
    except (etree.XMLSyntaxError, ValueError) as exc:
        raise faults.invalid_message(str(exc).splitlines()[0] if str(exc) else "not well-formed") from None
    docinfo = root.getroottree().docinfo
    if docinfo.doctype or docinfo.internalDTD is not None:
        raise faults.invalid_message("document type declarations are not allowed")
    return root


def parse_request(data: bytes) -> WsmanRequest:
    """Turn one SOAP envelope into a `WsmanRequest`, or raise a `WsmanFault` saying what is wrong."""
    root = parse_xml(data)
    if root.tag != q(NS_SOAP, "Envelope"):
        raise faults.invalid_message("the root element is not a SOAP 1.2 Envelope")
    header = root.find(q(NS_SOAP, "Header"))
    if header is None:
        raise faults.invalid_message("the envelope has no Header")
    action = _text(header, NS_ADDRESSING, "Action")
    message_id = _text(header, NS_ADDRESSING, "MessageID")
    if not action:
        raise faults.invalid_message("the Action header is missing")
    if not message_id:
        raise faults.invalid_message("the MessageID header is missing")
    selectors = _named_values(header.find(q(NS_WSMAN, "SelectorSet")), NS_WSMAN, "Selector")
    options = _named_values(header.find(q(NS_WSMAN, "OptionSet")), NS_WSMAN, "Option")
    timeout_text = _text(header, NS_WSMAN, "OperationTimeout")
    timeout = parse_duration(timeout_text) if timeout_text else DEFAULT_OPERATION_TIMEOUT
    size_text = _text(header, NS_WSMAN, "MaxEnvelopeSize")
    try:
        max_size = int(size_text) if size_text else DEFAULT_MAX_ENVELOPE
    except ValueError:
        raise faults.invalid_message(f"MaxEnvelopeSize {size_text!r} is not a number") from None
    if max_size < 8192:
        raise faults.invalid_message(f"MaxEnvelopeSize {max_size} is too small")
    body_element = root.find(q(NS_SOAP, "Body"))
    if body_element is None:
        raise faults.invalid_message("the envelope has no Body")
    body = next((child for child in body_element if isinstance(child.tag, str)), None)
    return WsmanRequest(
        action=action,
        message_id=message_id,
        resource_uri=_text(header, NS_WSMAN, "ResourceURI") or "",
        selectors=selectors,
        options=options,
        operation_timeout=timeout,
        max_envelope_size=max_size,
        body=body,
    )


def _text(parent: etree._Element, namespace: str, local: str) -> str:
    element = parent.find(q(namespace, local))
    return (element.text or "").strip() if element is not None else ""


def _named_values(container: etree._Element | None, namespace: str, local: str) -> dict[str, str]:
    if container is None:
        return {}
    return {
        str(item.get("Name")): (item.text or "").strip()
        for item in container.findall(q(namespace, local))
        if item.get("Name")
    }


def message_id_of(data: bytes) -> str | None:
    """Best-effort MessageID of a request that failed to parse fully, so a fault can still relate to it."""
    try:
        root = etree.fromstring(data, _PARSER)
    except (etree.XMLSyntaxError, ValueError):
        return None
    element = root.find(f"{q(NS_SOAP, 'Header')}/{q(NS_ADDRESSING, 'MessageID')}")
    return (element.text or "").strip() or None if element is not None else None


def reply_envelope(action: str, relates_to: str, body_children: Iterable[etree._Element] = ()) -> bytes:
    """A reply: the request's action + `Response`, a fresh MessageID, and RelatesTo echoed byte for byte
    (pypsrp compares it as a string on every reply, §6)."""
    envelope, body = _envelope(action, relates_to)
    for child in body_children:
        body.append(child)
    return etree.tostring(envelope, xml_declaration=True, encoding="utf-8")


def fault_envelope(detail: FaultDetail, relates_to: str | None, machine: str) -> bytes:
    envelope, body = _envelope(ACTION_FAULT, relates_to)
    fault = etree.SubElement(body, q(NS_SOAP, "Fault"))
    code = etree.SubElement(fault, q(NS_SOAP, "Code"))
    etree.SubElement(code, q(NS_SOAP, "Value")).text = detail.value
    subcode = etree.SubElement(code, q(NS_SOAP, "Subcode"))
    etree.SubElement(subcode, q(NS_SOAP, "Value")).text = detail.subcode
    reason = etree.SubElement(fault, q(NS_SOAP, "Reason"))
    text = etree.SubElement(reason, q(NS_SOAP, "Text"))
    text.set("{http://www.w3.org/XML/1998/namespace}lang", "en-US")
    text.text = detail.reason
    wsman_fault = etree.SubElement(
        etree.SubElement(fault, q(NS_SOAP, "Detail")),
        q(NS_FAULT, "WSManFault"),
        nsmap={"f": NS_FAULT},
        Code=str(detail.code),
        Machine=machine,
    )
    etree.SubElement(wsman_fault, q(NS_FAULT, "Message")).text = detail.reason
    return etree.tostring(envelope, xml_declaration=True, encoding="utf-8")


def _envelope(action: str, relates_to: str | None) -> tuple[etree._Element, etree._Element]:
    envelope = etree.Element(q(NS_SOAP, "Envelope"), nsmap=NSMAP)
    header = etree.SubElement(envelope, q(NS_SOAP, "Header"))
    etree.SubElement(header, q(NS_ADDRESSING, "Action")).text = action
    etree.SubElement(header, q(NS_ADDRESSING, "MessageID")).text = f"uuid:{str(uuid.uuid4()).upper()}"
    etree.SubElement(header, q(NS_ADDRESSING, "To")).text = ANONYMOUS
    if relates_to:
        etree.SubElement(header, q(NS_ADDRESSING, "RelatesTo")).text = relates_to
    body = etree.SubElement(envelope, q(NS_SOAP, "Body"))
    return envelope, body


def element(namespace: str, local: str, text: str | None = None, **attributes: str) -> etree._Element:
    node = etree.Element(q(namespace, local), **attributes)
    if text is not None:
        node.text = text
    return node


def child(parent: etree._Element, namespace: str, local: str, text: str | None = None, **attributes: str) -> etree._Element:
    node = etree.SubElement(parent, q(namespace, local), **attributes)
    if text is not None:
        node.text = text
    return node


def faulted(exc: WsmanFault, relates_to: str | None, machine: str) -> bytes:
    return fault_envelope(exc.detail, relates_to, machine)
