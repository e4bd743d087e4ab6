import { withJobTitleRenamed } from '../../shared/model/contact';

/**
 * The records of an older backup in the current shape, before they are validated. Version 1 files
 * name a contact's job title `title` (now `jobTitle`).
 */
export function upgradeBackupContacts(version: number, contacts: readonly unknown[]): unknown[] {
  if (version >= 2) return [...contacts];
  return contacts.map((contact) =>
    typeof contact === 'object' && contact !== null && !Array.isArray(contact)
      ? withJobTitleRenamed(contact as Record<string, unknown>)
      : contact,
  );
}
