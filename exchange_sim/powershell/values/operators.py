"""PowerShell's operators over values (reference §5.2, §5.3): the left operand decides.

`binary_op(name, left, right, types)` covers arithmetic, bitwise, type and text operators;
`compare(name, left, right, case_sensitive)` the comparison family (collections on the left filter);
`match_operator` also returns the new `$Matches`; `unary_op(name, value)` the prefix operators.
Operator names are given without the dash and may carry PowerShell's `i`/`c` prefix (`ceq`, `ilike`).
"""

from __future__ import annotations

import datetime
import decimal
import enum
import math
from typing import Any

from exchange_sim.powershell.values import errors, patterns
from exchange_sim.powershell.values.conversions import (
    cannot_convert_value,
    convert_enum,
    convert_to,
    parse_number,
    to_bool,
    to_number,
    to_string,
)
from exchange_sim.powershell.values.objects import Char, Hashtable, PSObject, is_collection, type_names
from exchange_sim.powershell.values.types import PSType, TypeTable

COMPARISONS = frozenset({"eq", "ne", "gt", "ge", "lt", "le", "like", "notlike", "match", "notmatch", "contains",
                         "notcontains", "in", "notin", "replace", "split"})
INT32 = (-(2**31), 2**31 - 1)
INT64 = (-(2**63), 2**63 - 1)


def split_operator_name(name: str) -> tuple[str, bool]:
    """`-ceq` -> ("eq", True); `-ieq`/`-eq` -> ("eq", False)."""
    lowered = name.lower().lstrip("-")
    if lowered in COMPARISONS or lowered in ("is", "isnot", "in", "notin"):
        return lowered, False
    if lowered[:1] in ("c", "i") and lowered[1:] in COMPARISONS:
        return lowered[1:], lowered[0] == "c"
    return lowered, False


def _div_by_zero() -> errors.RuntimeException:
    return errors.RuntimeException("Attempted to divide by zero.", errors.DivideByZeroException(),
                                   error_id="RuntimeException", category=errors.ErrorCategory.NotSpecified)


def _op_missing(left: Any, op_method: str) -> errors.RuntimeException:
    type_name = (type_names(left) or ["System.Object"])[0]
    return errors.runtime_error(
        f"Method invocation failed because [{type_name}] does not contain a method named '{op_method}'.",
        "MethodNotFound")


# ----------------------------------------------------------------------------------------------------------
# Arithmetic


def _numeric_operand(value: Any, op_method: str, left: Any) -> int | float | decimal.Decimal:
    if is_collection(value) or isinstance(value, (Hashtable, PSObject)):
        target = "System.Int32"
        shown = (type_names(value) or ["System.Object"])[0]
        raise errors.RuntimeException(
            f'Cannot convert the "{shown}" value of type "{shown}" to type "{target}".',
            error_id="ConvertToFinalInvalidCastException", category=errors.ErrorCategory.InvalidArgument)
    if isinstance(value, (datetime.datetime, datetime.timedelta)):
        raise _op_missing(left, op_method)
    return to_number(value)


def _int_result(value: int, *operands: int | float | decimal.Decimal) -> int | float:
    # int op int stays int; overflow of Int32 / Int64 widens to double (§5.2).
    wide = any(isinstance(o, int) and not INT32[0] <= o <= INT32[1] for o in operands)
    low, high = INT64 if wide else INT32
    if low <= value <= high:
        return value
    return float(value)


def _arith(op: str, a: int | float | decimal.Decimal, b: int | float | decimal.Decimal) -> Any:
    if isinstance(a, decimal.Decimal) or isinstance(b, decimal.Decimal):
        x, y = decimal.Decimal(a) if not isinstance(a, float) else decimal.Decimal(repr(a)), \
            decimal.Decimal(b) if not isinstance(b, float) else decimal.Decimal(repr(b))
        if op in ("/", "%") and y == 0:
            raise _div_by_zero()
        if op == "+":
            return x + y
        if op == "-":
            return x - y
        if op == "*":
            return x * y
        if op == "/":
            return x / y
        return x.copy_abs() % y.copy_abs() * (1 if x >= 0 else -1)
    if isinstance(a, float) or isinstance(b, float):
        x, y = float(a), float(b)
        if op == "+":
            result = x + y
        elif op == "-":
            result = x - y
        elif op == "*":
            result = x * y
        elif op == "/":
            if y == 0:
                result = math.nan if x == 0 or math.isnan(x) else math.copysign(math.inf, x) * math.copysign(1, y)
            else:
                result = x / y
        else:
            result = math.fmod(x, y) if y != 0 else math.nan
        return result
    x, y = int(a), int(b)
    if op == "+":
        return _int_result(x + y, x, y)
    if op == "-":
        return _int_result(x - y, x, y)
    if op == "*":
        return _int_result(x * y, x, y)
    if y == 0:
        raise _div_by_zero()
    if op == "/":
        if x % y == 0:
            return _int_result(x // y, x, y)
        return x / y
    remainder = abs(x) % abs(y)
    return remainder if x >= 0 else -remainder


def _collection_items(value: Any) -> list[Any]:
    return list(value) if is_collection(value) else [value]


def add(left: Any, right: Any) -> Any:
    if left is None:
        return right
    if isinstance(left, str):
        return str.__str__(left) + to_string(right)
    if is_collection(left):
        return list(left) + _collection_items(right)
    if isinstance(left, Hashtable):
        if not isinstance(right, Hashtable):
            raise errors.runtime_error("A hash table can only be added to another hash table.",
                                       "AddHashTableToNonHashTable", errors.ErrorCategory.InvalidOperation)
        merged = Hashtable(list(left.items()), ordered=left.ordered)
        for key, value in right.items():
            merged.add(key, value)
        return merged
    if isinstance(left, datetime.datetime):
        return _date_shift(left, right, 1)
    if isinstance(left, datetime.timedelta):
        if isinstance(right, datetime.timedelta):
            return left + right
        raise _op_missing(left, "op_Addition")
    if isinstance(left, enum.Enum):
        return _arith("+", int(left.value), _numeric_operand(right, "op_Addition", left))
    if isinstance(left, (int, float, decimal.Decimal)):
        return _arith("+", to_number(left), _numeric_operand(right, "op_Addition", left))
    raise _op_missing(left, "op_Addition")


def _date_shift(left: datetime.datetime, right: Any, sign: int) -> datetime.datetime:
    if isinstance(right, datetime.timedelta):
        span = right
    elif isinstance(right, (int, float)) and not isinstance(right, bool):
        span = datetime.timedelta(microseconds=int(right) // 10)  # a number is ticks
    else:
        raise _op_missing(left, "op_Addition" if sign > 0 else "op_Subtraction")
    try:
        return left + span if sign > 0 else left - span
    except OverflowError:
        raise errors.ArgumentOutOfRangeException(
            "The added or subtracted value results in an un-representable DateTime.\r\nParameter name: value") from None


def subtract(left: Any, right: Any) -> Any:
    if isinstance(left, datetime.datetime):
        if isinstance(right, datetime.datetime):
            return left.replace(tzinfo=None) - right.replace(tzinfo=None)
        return _date_shift(left, right, -1)
    if isinstance(left, datetime.timedelta):
        if isinstance(right, datetime.timedelta):
            return left - right
        raise _op_missing(left, "op_Subtraction")
    if is_collection(left) or isinstance(left, (Hashtable, PSObject)):
        raise _op_missing(left, "op_Subtraction")
    if left is not None and not isinstance(left, (str, int, float, decimal.Decimal, enum.Enum)):
        raise _op_missing(left, "op_Subtraction")
    return _arith("-", to_number(left), _numeric_operand(right, "op_Subtraction", left))


def multiply(left: Any, right: Any) -> Any:
    if isinstance(left, str) and not isinstance(left, Char):
        times = convert_to(right, "System.Int32")
        return str.__str__(left) * max(times, 0)
    if is_collection(left):
        times = convert_to(right, "System.Int32")
        return list(left) * max(times, 0)
    if isinstance(left, (Hashtable, PSObject, datetime.datetime, datetime.timedelta)):
        raise _op_missing(left, "op_Multiply")
    if left is not None and not isinstance(left, (int, float, decimal.Decimal, enum.Enum, Char)):
        raise _op_missing(left, "op_Multiply")
    return _arith("*", to_number(left), _numeric_operand(right, "op_Multiply", left))


def divide(left: Any, right: Any, op: str = "/") -> Any:
    method = "op_Division" if op == "/" else "op_Modulus"
    if is_collection(left) or isinstance(left, (Hashtable, PSObject, datetime.datetime, datetime.timedelta)):
        raise _op_missing(left, method)
    if left is not None and not isinstance(left, (str, int, float, decimal.Decimal, enum.Enum)):
        raise _op_missing(left, method)
    return _arith(op, to_number(left), _numeric_operand(right, method, left))


# ----------------------------------------------------------------------------------------------------------
# Comparison


def _as_same_type(left: Any, right: Any) -> tuple[bool, Any]:
    """(converted?, right converted to the left operand's type) — PowerShell converts the right side."""
    try:
        if isinstance(left, bool):
            return True, to_bool(right)
        if isinstance(left, enum.Enum):
            return True, convert_enum(right, type(left))
        if isinstance(left, (int, float, decimal.Decimal)):
            if isinstance(right, (int, float, decimal.Decimal)) and not isinstance(right, enum.Enum):
                return True, right
            if isinstance(right, str):
                number = parse_number(right)
                return (number is not None), number
            return True, to_number(right)
        if isinstance(left, datetime.datetime):
            return True, convert_to(right, "System.DateTime")
        if isinstance(left, datetime.timedelta):
            return True, convert_to(right, "System.TimeSpan")
        parse = getattr(type(left), "ps_parse", None)
        if parse is not None and isinstance(right, str):
            return True, parse(right)  # [version], [ipaddress]: the right side goes through the type's parser
    except errors.RuntimeException:
        return False, None
    except errors.DotNetException:
        return False, None
    return True, right


def equals(left: Any, right: Any, case_sensitive: bool = False) -> bool:
    """Scalar `-eq` (§5.3)."""
    if left is None:
        return right is None
    if right is None:
        return False
    if isinstance(left, str):
        text = to_string(right)
        return str(left) == text if case_sensitive else str(left).lower() == text.lower()
    if isinstance(left, enum.Enum):
        ok, other = _as_same_type(left, right)
        return ok and int(left.value) == int(other.value)
    ok, other = _as_same_type(left, right)
    if not ok:
        return False
    if isinstance(left, datetime.datetime):
        return left.replace(tzinfo=None) == other.replace(tzinfo=None)
    if isinstance(left, (int, float, decimal.Decimal, datetime.timedelta)):
        try:
            return bool(left == other)
        except TypeError:
            return False
    if isinstance(left, (Hashtable, PSObject)) or is_collection(left):
        return left is right
    return bool(left == other)


def order(left: Any, right: Any, case_sensitive: bool = False) -> int:
    """-1/0/1 for `-lt/-gt` on scalars; raises `Could not compare` when the right side does not convert."""
    if left is None:
        return 0 if right is None else -1
    if right is None:
        return 1
    if isinstance(left, str):
        from exchange_sim.powershell.values.dotnet.strings import compare_strings

        return compare_strings(str(left), to_string(right), not case_sensitive)
    ok, other = _as_same_type(left, right)
    if not ok or other is None:
        try:
            convert_to(right, "System.Int32" if not isinstance(left, datetime.datetime) else "System.DateTime")
            reason = "Object must be of the same type."
        except errors.RuntimeException as exc:
            reason = exc.message
        raise errors.runtime_error(f'Could not compare "{to_string(left)}" to "{to_string(right)}". Error: "{reason}"',
                                   "ComparisonFailure", errors.ErrorCategory.InvalidOperation)
    a: Any = int(left.value) if isinstance(left, enum.Enum) else left
    b: Any = int(other.value) if isinstance(other, enum.Enum) else other
    if isinstance(a, datetime.datetime):
        a, b = a.replace(tzinfo=None), b.replace(tzinfo=None)
    try:
        return (a > b) - (a < b)
    except TypeError:
        raise errors.runtime_error(f'Could not compare "{to_string(left)}" to "{to_string(right)}". Error: "Cannot '
                                   f'compare."', "ComparisonFailure") from None


def _scalar(op: str, left: Any, right: Any, cs: bool) -> bool:
    if op == "eq":
        return equals(left, right, cs)
    if op == "ne":
        return not equals(left, right, cs)
    if op in ("lt", "le", "gt", "ge"):
        result = order(left, right, cs)
        return {"lt": result < 0, "le": result <= 0, "gt": result > 0, "ge": result >= 0}[op]
    if op in ("like", "notlike"):
        hit = patterns.wildcard_match(to_string(right), to_string(left), cs)
        return hit if op == "like" else not hit
    if op in ("match", "notmatch"):
        hit = patterns.compile_regex(to_string(right), cs).search(to_string(left)) is not None
        return hit if op == "match" else not hit
    raise errors.runtime_error(f"The operator '-{op}' is not supported.", "OperatorNotSupported")


def compare(op_name: str, left: Any, right: Any, case_sensitive: bool = False) -> Any:
    """The comparison operators. A collection on the left filters (returns the matching elements)."""
    op, prefixed_cs = split_operator_name(op_name)
    cs = case_sensitive or prefixed_cs
    if op in ("contains", "notcontains"):
        items = _collection_items(left) if left is not None else [None]
        hit = any(equals(item, right, cs) for item in items)
        return hit if op == "contains" else not hit
    if op in ("in", "notin"):
        items = _collection_items(right) if right is not None else [None]
        hit = any(equals(item, left, cs) for item in items)
        return hit if op == "in" else not hit
    if op == "replace":
        return replace(left, right, cs)
    if op == "split":
        return split(left, right, cs)
    if is_collection(left):
        return [item for item in left if _scalar(op, item, right, cs)]
    return _scalar(op, left, right, cs)


def match_operator(left: Any, right: Any, case_sensitive: bool = False, negate: bool = False) -> tuple[Any, Hashtable | None]:
    """`-match`: (result, new $Matches or None to keep the old value). Collections filter and leave $Matches."""
    pattern = to_string(right)
    compiled = patterns.compile_regex(pattern, case_sensitive)
    if is_collection(left):
        kept = [item for item in left if (compiled.search(to_string(item)) is not None) != negate]
        return kept, None
    found = compiled.search(to_string(left))
    if found is None:
        return negate, None
    return (not negate), (patterns.matches_table(found) if not negate else None)


def replace(left: Any, right: Any, case_sensitive: bool = False) -> Any:
    if is_collection(right):
        parts = list(right)
        if len(parts) > 2:
            raise errors.runtime_error(
                "The -replace operator allows only two elements to follow it, not " + str(len(parts)) + ".",
                "BadReplaceArgument", errors.ErrorCategory.InvalidOperation)
        pattern, replacement = (to_string(parts[0]), to_string(parts[1]) if len(parts) > 1 else "")
    else:
        pattern, replacement = to_string(right), ""
    if is_collection(left):
        return [patterns.regex_replace(to_string(item), pattern, replacement, case_sensitive) for item in left]
    return patterns.regex_replace(to_string(left), pattern, replacement, case_sensitive)


def split(left: Any, right: Any, case_sensitive: bool = False) -> list[str]:
    args = list(right) if is_collection(right) else [right]
    pattern = to_string(args[0]) if args else " "
    limit = int(convert_to(args[1], "System.Int32")) if len(args) > 1 else 0
    options = to_string(args[2]).lower() if len(args) > 2 else ""
    simple = "simplematch" in options
    flags = patterns.regex_options(options) if not simple else 0
    cs = case_sensitive and "ignorecase" not in options
    pieces: list[str] = []
    for item in _collection_items(left):
        pieces.extend(patterns.regex_split(to_string(item), pattern, limit, cs, flags, simple))
    return pieces


def join(left: Any, right: Any) -> str:
    separator = to_string(right)
    return separator.join(to_string(item) for item in _collection_items(left))


# ----------------------------------------------------------------------------------------------------------
# Types


_IMPLIED = {
    "System.Object[]": ("System.Collections.IList", "System.Collections.ICollection", "System.Collections.IEnumerable"),
    "System.Byte[]": ("System.Collections.IList", "System.Collections.ICollection", "System.Collections.IEnumerable"),
    "System.String": ("System.Collections.IEnumerable", "System.IComparable", "System.ICloneable"),
    "System.Collections.Hashtable": ("System.Collections.IDictionary", "System.Collections.ICollection",
                                     "System.Collections.IEnumerable"),
    "System.Collections.Specialized.OrderedDictionary": ("System.Collections.IDictionary",
                                                         "System.Collections.ICollection",
                                                         "System.Collections.IEnumerable"),
    "System.Management.Automation.PSCustomObject": ("System.Management.Automation.PSObject",),
}


def is_type(value: Any, target: str | PSType, types: TypeTable | None = None) -> bool:
    """`value -is [T]` ($null is nothing; bases and common interfaces count)."""
    if value is None:
        return False
    spec = (types or TypeTable()).resolve(target)
    wanted = spec.full_name.lower()
    names = type_names(value)
    implied: list[str] = []
    for name in names:
        implied.extend(_IMPLIED.get(name, ()))
    if is_collection(value) and not isinstance(value, (list, tuple, bytes, bytearray)):
        implied.extend(_IMPLIED["System.Object[]"])
    if wanted in (n.lower() for n in [*names, *implied]):
        return True
    if wanted == "system.object":
        return True
    if spec.element is not None and isinstance(value, (list, tuple)) and spec.element.full_name == "System.Object":
        return True
    cls = spec.py_class
    if cls is not None and isinstance(cls, type) and cls not in (str, int, float, bool, list) and isinstance(value, cls):
        return True
    return False


def as_type(value: Any, target: str | PSType, types: TypeTable | None = None) -> Any:
    """`value -as [T]`: the conversion, or $null when it fails."""
    try:
        return convert_to(value, target, types)
    except (errors.RuntimeException, errors.DotNetException):
        return None


# ----------------------------------------------------------------------------------------------------------
# Bitwise, logical, dispatch


def _bits(value: Any) -> int:
    if isinstance(value, enum.Enum):
        return int(value.value)
    number = to_number(value)
    if isinstance(number, float) or isinstance(number, decimal.Decimal):
        return int(convert_to(number, "System.Int64"))
    return int(number)


def bitwise(op: str, left: Any, right: Any) -> Any:
    if isinstance(left, enum.Enum):
        other = int(convert_enum(right, type(left)).value)
        bits = {"band": int(left.value) & other, "bor": int(left.value) | other, "bxor": int(left.value) ^ other}[op]
        try:
            return type(left)(bits)
        except ValueError:
            return bits
    a, b = _bits(left), _bits(right)
    if op == "band":
        return a & b
    if op == "bor":
        return a | b
    if op == "bxor":
        return a ^ b
    width = 64 if not INT32[0] <= a <= INT32[1] else 32
    shift = b & (width - 1)
    if op == "shl":
        result = (a << shift) & ((1 << width) - 1)
        return result - (1 << width) if result >= 1 << (width - 1) else result
    return a >> shift


def binary_op(op_name: str, left: Any, right: Any, types: TypeTable | None = None) -> Any:
    """Any binary operator by name (`+`, `-`, `*`, `/`, `%`, `eq`…, `band`…, `is`, `as`, `f`, `join`, `and`…)."""
    op = op_name.lower() if op_name in ("-", "+", "*", "/", "%") else op_name.lower().lstrip("-")
    if op == "+":
        return add(left, right)
    if op == "-":
        return subtract(left, right)
    if op == "..":
        return range_operator(left, right)
    if op == "*":
        return multiply(left, right)
    if op in ("/", "%"):
        return divide(left, right, op)
    if op in ("band", "bor", "bxor", "shl", "shr"):
        return bitwise(op, left, right)
    if op == "is":
        return is_type(left, right if isinstance(right, PSType) else to_string(right), types)
    if op == "isnot":
        return not is_type(left, right if isinstance(right, PSType) else to_string(right), types)
    if op == "as":
        return as_type(left, right if isinstance(right, PSType) else to_string(right), types)
    if op == "f":
        from exchange_sim.powershell.values.format_operator import format_operator

        return format_operator(to_string(left), list(right) if is_collection(right) else [right])
    if op == "join":
        return join(left, right)
    if op == "and":
        return to_bool(left) and to_bool(right)
    if op == "or":
        return to_bool(left) or to_bool(right)
    if op == "xor":
        return to_bool(left) != to_bool(right)
    base, cs = split_operator_name(op)
    if base in ("match", "notmatch"):
        return match_operator(left, right, cs, negate=base == "notmatch")[0]
    if base in COMPARISONS:
        return compare(op, left, right)
    raise errors.runtime_error(f"The operator '-{op}' is not supported.", "OperatorNotSupported")


def unary_op(op_name: str, value: Any) -> Any:
    op = op_name.lower().lstrip("-") if op_name not in ("-", "+") else op_name
    if op in ("not", "!"):
        return not to_bool(value)
    if op == "-":
        number = _numeric_operand(value, "op_UnaryNegation", value)
        if isinstance(number, int) and number == INT32[0] and INT32[0] <= number <= INT32[1]:
            return float(-number) if -number > INT32[1] else -number
        return -number
    if op == "+":
        return _numeric_operand(value, "op_UnaryPlus", value)
    if op == "bnot":
        bits = _bits(value)
        return ~bits
    if op == "split":
        return [piece for text in _collection_items(value) for piece in to_string(text).split()]
    if op == "join":
        return "".join(to_string(item) for item in _collection_items(value))
    if op == ",":
        return [value]
    raise errors.runtime_error(f"The operator '-{op}' is not supported.", "OperatorNotSupported")


def range_operator(start: Any, end: Any) -> list[int]:
    """`start..end`: both sides as Int32 (so `1.5..3` starts at 2), counting down when start > end."""
    return list(range_items(start, end))


def range_items(start: Any, end: Any) -> range:
    """The numbers of `start..end` without building them (a pipeline's first element enumerates it lazily)."""
    first = int(convert_to(start, "System.Int32"))
    last = int(convert_to(end, "System.Int32"))
    step = 1 if last >= first else -1
    return range(first, last + step, step)


def sort_key(value: Any) -> tuple[int, Any]:
    """A key that orders values the way Sort-Object does for one type (strings case-insensitively)."""
    if value is None:
        return (0, 0)
    if isinstance(value, bool):
        return (1, int(value))
    if isinstance(value, enum.Enum):
        return (1, int(value.value))
    if isinstance(value, (int, float, decimal.Decimal)):
        return (1, value)
    if isinstance(value, datetime.datetime):
        return (2, value.replace(tzinfo=None))
    if isinstance(value, datetime.timedelta):
        return (3, value)
    text = to_string(value)
    return (4, (text.lower(), text.swapcase()))


__all__ = ["binary_op", "compare", "unary_op", "match_operator", "equals", "order", "is_type", "as_type",
           "cannot_convert_value", "sort_key"]
