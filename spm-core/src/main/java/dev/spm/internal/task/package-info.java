/**
 * Tasks as they travel: {@link dev.spm.internal.task.FunctionRef} names a function,
 * {@link dev.spm.internal.task.Functions} checks on the hub that a spoke can resolve it and
 * resolves it on the spoke, {@link dev.spm.internal.task.Values} encodes arguments and results,
 * and {@link dev.spm.internal.task.ErrorData} carries an exception as structured data.
 */
package dev.spm.internal.task;
