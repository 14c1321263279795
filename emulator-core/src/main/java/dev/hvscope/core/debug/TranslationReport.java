package dev.hvscope.core.debug;

/**
 * The result of a translation query.
 *
 * @param ok    the walk succeeded
 * @param gpa   guest-physical address (two-stage and G-stage queries), -1 otherwise or when unknown
 * @param pa    host-physical address when ok
 * @param cause the exception the access would raise when not ok
 * @param trace the walk level by level (WalkTrace's format)
 */
public record TranslationReport(long address, boolean ok, long gpa, long pa, int cause, String trace) {
}
