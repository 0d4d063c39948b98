package snnc.frontend.sema;

import snnc.diag.Span;

/** A name bound in a scope: its value and where it was defined. */
public record Binding(String name, Value value, Span definedAt) {}
