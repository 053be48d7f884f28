"""SecureString, PSCredential and NetworkCredential: secrets kept out of display and string conversion.

The text stays inside the object; runbooks read it back only through the same doors .NET offers
(`NetworkCredential.Password`, `Marshal::PtrToStringAuto(Marshal::SecureStringToBSTR(..))`,
`PSCredential.GetNetworkCredential()`).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Callable, ClassVar, Mapping

from exchange_sim.powershell.values import errors


class SecureString:
    """System.Security.SecureString. `str()` is the type name, as in .NET; `reveal()` is for the engine."""

    ps_type_names: ClassVar[tuple[str, ...]] = ("System.Security.SecureString", "System.Object")

    def __init__(self, text: str = "") -> None:
        self.__text = text
        self.read_only = False

    def reveal(self) -> str:
        return self.__text

    def __str__(self) -> str:
        return "System.Security.SecureString"

    def __repr__(self) -> str:
        return "SecureString(<hidden>)"

    def ps_properties(self) -> Mapping[str, Any]:
        return {"Length": len(self.__text)}

    def _check_writable(self) -> None:
        if self.read_only:
            raise errors.InvalidOperationException("Instance is read-only.")

    def append_char(self, ch: Any) -> None:
        self._check_writable()
        self.__text += str(ch)[:1]

    def insert_at(self, index: int, ch: Any) -> None:
        self._check_writable()
        self.__text = self.__text[: int(index)] + str(ch)[:1] + self.__text[int(index):]

    def clear(self) -> None:
        self._check_writable()
        self.__text = ""

    def make_read_only(self) -> None:
        self.read_only = True

    def ps_methods(self) -> Mapping[str, Callable[..., Any]]:
        return {"AppendChar": self.append_char, "InsertAt": self.insert_at, "Clear": self.clear,
                "MakeReadOnly": self.make_read_only, "IsReadOnly": lambda: self.read_only,
                "Copy": lambda: SecureString(self.__text), "Dispose": lambda: None,
                "ToString": lambda: str(self)}


@dataclass(frozen=True)
class BStr:
    """What Marshal.SecureStringToBSTR hands back: an opaque pointer that PtrToStringAuto reads."""

    text: str = field(repr=False)
    ps_type_names: ClassVar[tuple[str, ...]] = ("System.IntPtr", "System.ValueType", "System.Object")

    def ps_properties(self) -> Mapping[str, Any]:
        return {}

    def __str__(self) -> str:
        return str(id(self))


class NetworkCredential:
    """System.Net.NetworkCredential(user, password[, domain]); `Password` reads a SecureString back."""

    ps_type_names: ClassVar[tuple[str, ...]] = ("System.Net.NetworkCredential", "System.Object")

    def __init__(self, user_name: Any = "", password: Any = "", domain: Any = "") -> None:
        self.user_name = "" if user_name is None else str(user_name)
        self.secure = password if isinstance(password, SecureString) else SecureString(
            "" if password is None else str(password))
        self.domain = "" if domain is None else str(domain)

    def ps_properties(self) -> Mapping[str, Any]:
        return {"UserName": self.user_name, "Password": self.secure.reveal(), "SecurePassword": self.secure,
                "Domain": self.domain}

    def ps_set_property(self, name: str, value: Any) -> None:
        lowered = name.lower()
        if lowered == "username":
            self.user_name = str(value)
        elif lowered == "password":
            self.secure = SecureString(str(value))
        elif lowered == "domain":
            self.domain = str(value)
        elif lowered == "securepassword" and isinstance(value, SecureString):
            self.secure = value
        else:
            raise errors.runtime_error(
                f"The property '{name}' cannot be found on this object. Verify that the property exists and can "
                "be set.", "PropertyNotFound")

    def __str__(self) -> str:
        return "System.Net.NetworkCredential"


class PSCredential:
    """System.Management.Automation.PSCredential(user, securePassword)."""

    ps_type_names: ClassVar[tuple[str, ...]] = ("System.Management.Automation.PSCredential", "System.Object")

    def __init__(self, user_name: Any, password: Any) -> None:
        if user_name is None or str(user_name) == "":
            raise errors.PSArgumentException(
                "Cannot process argument because the value of argument \"userName\" is not valid. Change the value "
                "of the \"userName\" argument and run the operation again.")
        if not isinstance(password, SecureString):
            if password is None:
                raise errors.PSArgumentNullException("Value cannot be null.\r\nParameter name: password")
            raise errors.PSInvalidCastException(
                f'Cannot convert the "{password}" value of type "System.String" to type '
                '"System.Security.SecureString".', error_id="ConvertToFinalInvalidCastException")
        self.user_name = str(user_name)
        self.password = password

    def ps_properties(self) -> Mapping[str, Any]:
        return {"UserName": self.user_name, "Password": self.password}

    def get_network_credential(self) -> NetworkCredential:
        user, domain = self.user_name, ""
        if "\\" in user:
            domain, user = user.split("\\", 1)
        return NetworkCredential(user, self.password, domain)

    def ps_methods(self) -> Mapping[str, Callable[..., Any]]:
        return {"GetNetworkCredential": self.get_network_credential, "ToString": lambda: str(self)}

    def __str__(self) -> str:
        return "System.Management.Automation.PSCredential"


def secure_string_to_bstr(secure: Any) -> BStr:
    if not isinstance(secure, SecureString):
        raise errors.ArgumentNullException("Value cannot be null.\r\nParameter name: s")
    return BStr(secure.reveal())


def ptr_to_string(pointer: Any) -> str | None:
    if isinstance(pointer, BStr):
        return pointer.text
    if pointer in (0, None):
        return None
    raise errors.ArgumentException("The pointer is not valid.")
