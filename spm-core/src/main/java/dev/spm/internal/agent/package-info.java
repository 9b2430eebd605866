/**
 * The agent: one process per server that starts, watches, kills and relaunches the spokes of its
 * slots, and kills everything of the session when the hub goes away. See
 * {@link dev.spm.internal.agent.AgentMain}.
 */
package dev.spm.internal.agent;
