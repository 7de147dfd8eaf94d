import { ipPrefix } from '../../src/security/events';

describe('the IP prefix a security event keeps', () => {
  test('an IPv4 address keeps its /24 network', () => {
    expect(ipPrefix('203.0.113.77')).toBe('203.0.113.0/24');
    expect(ipPrefix('10.1.2.3')).toBe('10.1.2.0/24');
  });

  test('an IPv4-mapped IPv6 address (how Node reports IPv4 on a dual-stack socket) counts as IPv4', () => {
    expect(ipPrefix('::ffff:198.51.100.9')).toBe('198.51.100.0/24');
  });

  test('an IPv6 address keeps its /48 network, written short', () => {
    expect(ipPrefix('2001:0db8:85a3:1234:0000:8a2e:0370:7334')).toBe('2001:db8:85a3::/48');
    expect(ipPrefix('2001:db8::1')).toBe('2001:db8::/48');
    expect(ipPrefix('::1')).toBe('::/48');
    expect(ipPrefix('fe80::1%eth0')).toBe('fe80::/48');
    expect(ipPrefix('[2001:db8:a:b::1]')).toBe('2001:db8:a::/48');
    expect(ipPrefix('64:ff9b:1::192.0.2.33')).toBe('64:ff9b:1::/48');
  });

  test('the full address is never kept', () => {
    for (const ip of ['203.0.113.77', '2001:db8:85a3:1234::7334']) expect(ipPrefix(ip)).not.toContain(ip.split(/[.:]/).pop()!);
  });

  test('what is not an address has no prefix', () => {
    for (const ip of [null, undefined, '', 'unknown', '300.1.1.1', '1.2.3', 'gggg::1']) expect(ipPrefix(ip)).toBeNull();
  });
});
