/**
 * The spoke: a JVM that evaluates tasks one at a time ({@link dev.spm.internal.spoke.SpokeMain}),
 * and the {@link dev.spm.internal.spoke.Evaluator} that a spoke and the serial pool share, so that
 * a task is loaded, evaluated and reported the same way everywhere.
 */
package dev.spm.internal.spoke;
