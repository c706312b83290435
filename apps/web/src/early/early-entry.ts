import { startEarlyRequests } from './early-requests';

// A module script of its own, listed before the main one: it runs as soon as it is loaded.
startEarlyRequests();
