/**
 * Fine grain communication, as task code sees it: a running task's link to the hub's channels
 * ({@link dev.spm.internal.comm.TaskComm}) and a gang member's links to its peers
 * ({@link dev.spm.internal.comm.PeerNet}, {@link dev.spm.internal.comm.GangMember}).
 */
package dev.spm.internal.comm;
