/**
 * The form of an external id under which a lead is stored and looked up, so that the same person
 * arriving twice finds the same lead. Surrounding white space never distinguishes two leads.
 */
export const normalizeExternalId = (externalId: string): string => externalId.trim();
