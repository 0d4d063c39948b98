package snnc.frontend.ast;

import java.util.Optional;
import snnc.diag.Span;

/** A population named in a statement: {@code exc} or a member of an array, {@code stage[i]}. */
public record PopRef(String name, Span nameSpan, Optional<Expr> index, Span span) {}
