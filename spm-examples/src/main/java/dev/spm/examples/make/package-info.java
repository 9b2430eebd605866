/**
 * A parallel make on {@link dev.spm.DagManager}: the seed's cmdA.
 *
 * <p>{@link dev.spm.examples.make.MakeDemo} is the entry point. It reads a Makefile
 * ({@code MakefileParser}, with {@code Variables} for expansion) into a {@code Makefile}, plans the
 * out-of-date targets into steps ({@code BuildPlan}), one per recipe line, and hands them to a DAG
 * manager as tasks of {@link dev.spm.examples.make.RecipeLine}, which runs each line as a
 * {@link dev.spm.Coprocess} on a spoke. The DAG's failure policy gives make's behaviour on a
 * failing recipe ({@code FINISH_RUNNING}) and {@code make -k}'s ({@code KEEP_GOING}).
 *
 * <p>The demo never runs {@code make}; its tests run GNU make only as the reference.
 */
package dev.spm.examples.make;
