import { useEffect, useState } from 'react';

/** Hash routes (#/groups/<id>, #/live/<room id>, #/growth, #/influence), so the server needs no route knowledge. */
export interface Route {
  section: 'groups' | 'live' | 'growth' | 'influence';
  id: string | null;
}

function parse(hash: string): Route {
  const [section, id] = hash.replace(/^#\/?/, '').split('/');
  if (section === 'growth' || section === 'influence') return { section, id: id ?? null };
  if (section === 'live') return { section, id: id ? decodeURIComponent(id) : null };
  return { section: 'groups', id: section === 'groups' && id ? decodeURIComponent(id) : null };
}

export function navigate(path: string): void {
  location.hash = path;
}

export function useRoute(): Route {
  const [route, setRoute] = useState(() => parse(location.hash));
  useEffect(() => {
    const onChange = () => setRoute(parse(location.hash));
    window.addEventListener('hashchange', onChange);
    return () => window.removeEventListener('hashchange', onChange);
  }, []);
  return route;
}
