import { fileNameFor, perpetualCancellationDeadline, productKeyFor, selectDownloads, type SoftwareChoices } from './software-policy';

const server: SoftwareChoices = {
  versions: ['Windows Server 2022', 'Windows Server 2019'],
  languages: ['English', 'German'],
  fileTypes: ['ISO', 'VHD'],
  keyType: 'MULTIPLE_ACTIVATION',
};

/** Published KMS client setup keys (GVLKs) of Windows Server: never what a partner gets. */
const KMS_CLIENT_KEYS = ['VDYBN-27WPP-V4HQT-9VMD4-VMK7H', 'WX4NM-KYWYW-QJJR4-XV3QB-6VM33', 'N69G4-B89J2-4G8F4-WWYCC-J464C'];

describe('SW-2 product keys', () => {
  it('are multiple-activation keys in five groups of five, the same for the same target and version', () => {
    const key = productKeyFor('secret', 'sub_1', 'Windows Server 2022');
    expect(key).toMatch(/^[BCDFGHJKMPQRTVWXY2346789]{5}(-[BCDFGHJKMPQRTVWXY2346789]{5}){4}$/);
    expect(productKeyFor('secret', 'sub_1', 'Windows Server 2022')).toBe(key);
    expect(productKeyFor('secret', 'sub_1', 'Windows Server 2019')).not.toBe(key);
    expect(productKeyFor('secret', 'sub_2', 'Windows Server 2022')).not.toBe(key);
    expect(productKeyFor('other', 'sub_1', 'Windows Server 2022')).not.toBe(key);
  });

  it('are never KMS client keys', () => {
    for (let i = 0; i < 200; i++) expect(KMS_CLIENT_KEYS).not.toContain(productKeyFor('secret', `t${i}`, 'Windows Server 2022'));
  });
});

describe('SW-2 choices of version, language and file type', () => {
  it('a version, language and file type give one download', () => {
    expect(selectDownloads(server, { version: 'Windows Server 2019', language: 'German', fileType: 'VHD' })).toEqual({ ok: true, downloads: [{ language: 'German', fileType: 'VHD' }] });
  });

  it('without a language or file type, every one the product has', () => {
    expect(selectDownloads(server, { version: 'Windows Server 2022', language: 'English' })).toEqual({
      ok: true,
      downloads: [
        { language: 'English', fileType: 'ISO' },
        { language: 'English', fileType: 'VHD' },
      ],
    });
    const all = selectDownloads(server, { version: 'Windows Server 2022' });
    expect(all.ok && all.downloads).toHaveLength(4);
  });

  it('refuses choices the product does not offer, naming the field', () => {
    expect(selectDownloads(server, { version: 'Windows Server 2016' })).toMatchObject({ ok: false, field: 'version' });
    expect(selectDownloads(server, { version: 'Windows Server 2022', language: 'Klingon' })).toMatchObject({ ok: false, field: 'language' });
    expect(selectDownloads(server, { version: 'Windows Server 2022', fileType: 'EXE' })).toMatchObject({ ok: false, field: 'fileType' });
  });

  it('products without file types have no downloads; extended security updates give install instructions instead', () => {
    expect(selectDownloads({ versions: ['Windows Server 2022'], languages: [], fileTypes: [], keyType: 'NONE' }, { version: 'Windows Server 2022' })).toEqual({ ok: true, downloads: [] });
    const esu: SoftwareChoices = { versions: ['Windows Server 2012'], languages: [], fileTypes: [], keyType: 'NONE', installInstructionsUrl: 'https://example.test/esu' };
    expect(selectDownloads(esu, { version: 'Windows Server 2012' })).toEqual({ ok: true, downloads: [] });
  });

  it('a product without languages downloads per file type', () => {
    const sql: SoftwareChoices = { versions: ['SQL Server 2022'], languages: [], fileTypes: ['Windows', 'Linux'], keyType: 'NONE' };
    expect(selectDownloads(sql, { version: 'SQL Server 2022', fileType: 'Linux' })).toEqual({ ok: true, downloads: [{ language: null, fileType: 'Linux' }] });
  });

  it('names files after product, version, language and file type', () => {
    expect(fileNameFor('Windows_Server_2022_Standard_16_Core', 'Windows Server 2022', { language: 'English', fileType: 'ISO' })).toBe(
      'Windows_Server_2022_Standard_16_Core_Windows_Server_2022_English_ISO.iso',
    );
    expect(fileNameFor('SQL', 'SQL Server 2022', { language: null, fileType: 'Linux' })).toBe('SQL_SQL_Server_2022_Linux.zip');
  });
});

describe('SW-5 perpetual cancellation window', () => {
  it('ends with the 30th calendar day after the day of purchase (UTC)', () => {
    expect(perpetualCancellationDeadline(new Date('2027-03-01T15:30:00Z'))).toEqual(new Date('2027-04-01T00:00:00Z'));
    expect(perpetualCancellationDeadline(new Date('2027-03-01T00:00:00Z'))).toEqual(new Date('2027-04-01T00:00:00Z'));
    expect(perpetualCancellationDeadline(new Date('2027-12-31T23:59:59Z'))).toEqual(new Date('2028-01-31T00:00:00Z'));
  });
});
