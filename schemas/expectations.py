"""The Great Expectations suite of the events table, built from `schemas.tables`.

Every expectation is generated from a `Field`: not-null for required columns, in-set for vocabularies, between
for ranges, unique for keys, the Python type GX observes for the Arrow type, and the named row rules. Each
expectation's `meta["level"]` says what a failure means:
- "row": the failing rows go to quarantine/ with the expectation's name;
- "table": the table as a whole is wrong (columns, types, duplicate keys), so publication stops.
"""
from __future__ import annotations

import great_expectations as gx
import pyarrow as pa
from great_expectations.expectations import Expectation

from schemas.tables import TABLES, Field

E = gx.expectations


def _observed_type(t: pa.DataType) -> str:
    """The Python type name GX reports for values of an Arrow type read into pandas with ArrowDtype."""
    if pa.types.is_string(t):
        return "str"
    if pa.types.is_integer(t):
        return "int"
    if pa.types.is_floating(t):
        return "float"
    if pa.types.is_boolean(t):
        return "bool"
    if pa.types.is_date(t):
        return "date"
    if pa.types.is_timestamp(t):
        return "datetime"
    raise TypeError(f"no GX type name for Arrow type {t}")


def _row(e: Expectation) -> Expectation:
    e.meta = {"level": "row"}
    return e


def _table(e: Expectation) -> Expectation:
    e.meta = {"level": "table"}
    return e


def field_expectations(f: Field) -> list[Expectation]:
    """The expectations one column's definition implies."""
    out: list[Expectation] = []
    if not f.nullable:
        out.append(_row(E.ExpectColumnValuesToNotBeNull(column=f.name)))
    if f.values is not None:
        out.append(_row(E.ExpectColumnValuesToBeInSet(column=f.name, value_set=list(f.values))))
    if f.min_value is not None or f.max_value is not None:
        out.append(_row(E.ExpectColumnValuesToBeBetween(column=f.name, min_value=f.min_value,
                                                        max_value=f.max_value)))
    if f.unique:
        out.append(_table(E.ExpectColumnValuesToBeUnique(column=f.name)))
    if "event_date_not_after_published" in f.checks:
        out.append(_row(E.ExpectColumnPairValuesAToBeGreaterThanB(
            column_A="published_at", column_B=f.name, or_equal=True, ignore_row_if="either_value_is_missing")))
    return out


def build_suite(table: str = "events") -> gx.ExpectationSuite:
    """The suite for a table: column list and types (table level), then each field's own expectations."""
    fields = TABLES[table]
    suite = gx.ExpectationSuite(name=f"newsevents.{table}")
    suite.add_expectation(_table(E.ExpectTableColumnsToMatchOrderedList(column_list=[f.name for f in fields])))
    for f in fields:
        if not f.nullable:  # GX infers the type from values, so only columns that always have them
            suite.add_expectation(_table(E.ExpectColumnValuesToBeOfType(column=f.name, type_=_observed_type(f.type))))
        for e in field_expectations(f):
            suite.add_expectation(e)
    return suite
