/**
 * The hub: {@link dev.spm.internal.hub.Hub} listens for agents and spokes and starts one agent per
 * server; {@link dev.spm.internal.hub.Tracker} knows the servers, slots and live spokes for the
 * whole session and lends slots to one manager at a time; {@link dev.spm.internal.hub.ListEngine}
 * runs one {@code manage} of the Partition/List policy on the caller's thread, fed by
 * {@link dev.spm.internal.hub.Event}s that the connection threads put in its inbox. A
 * {@link dev.spm.internal.hub.Backend} is where a manager's spokes come from: the tracker, or
 * {@link dev.spm.internal.hub.SerialBackend} for the serial pool.
 */
package dev.spm.internal.hub;
