/**
 * Who a request acts for, so every change it makes is audited under their name. The HTTP
 * layer and the admin command set it; storage reads it when it writes the audit entry.
 */
export { actingAs } from '../storage/requestContext.js';
