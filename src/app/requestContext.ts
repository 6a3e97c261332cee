/**
 * Who a request acts for, so every change it makes is audited under their name (the HTTP
 * layer and the admin command set it; storage reads it when a command is issued), and the
 * request's reads, which catch up with the other instances once (withinRequest).
 */
export { actingAs, withinRequest } from '../storage/requestContext.js';
