// Imported first by the intake: the server's content security policy forbids eval, so zod must not
// compile its fast paths with `new Function` (the probe is caught, but the browser still reports a
// policy violation). It has to run before any schema is built.
import { z } from 'zod';

z.config({ jitless: true });
