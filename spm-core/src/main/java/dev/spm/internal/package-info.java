/**
 * The runtime behind {@code dev.spm}: free to change. {@link dev.spm.internal.Roles} holds this
 * process's role and sequence-point state; {@link dev.spm.internal.JvmLauncher} builds the command
 * lines of the JVMs that spm starts.
 */
package dev.spm.internal;
