/*
 * TCP ports ranked by how often a service answers on them on company networks and internet-facing
 * hosts, written for Vigil from well-known service assignments and common deployment practice (not
 * derived from nmap-services frequencies). `top-N` takes the first N. The order matters only at
 * the cut-off: every list from top-100 up covers the remote access, mail, web, database, cache,
 * message broker and Windows ports Vigil's checks look at.
 */
export const topTcpPorts: readonly number[] = [
  // Web, remote access, mail, file sharing: what nearly every network exposes somewhere.
  80, 443, 22, 21, 25, 3389, 110, 445, 139, 143, 53, 135, 3306, 8080, 23, 993, 995, 587, 465, 8443,
  // Remote desktops, VPNs, directory and databases.
  5900, 1723, 111, 5432, 6379, 27017, 1433, 1521, 8000, 8888, 389, 636, 88, 2049, 5985, 5986, 9200, 11211,
  // Brokers, orchestration, monitoring.
  1883, 8883, 4222, 5672, 5671, 15672, 9092, 2181, 2375, 2376, 2379, 6443, 10250, 9090, 9100, 3000, 5000,
  // Application servers and alternative web ports.
  8081, 8008, 8009, 8082, 8088, 8181, 9000, 9443, 7001, 10000, 4443, 8880, 8090, 5601, 2222, 3128, 1080,
  // Windows and directory services.
  464, 3268, 3269, 593, 49152, 49153, 49154, 5357,
  // Printing, media, legacy Unix services.
  515, 631, 554, 873, 990, 119, 79, 113, 512, 513, 514, 548, 6000, 5800, 5901, 179, 5060, 5061,
  // Device management and embedded.
  8291, 8728, 7547, 5555, 2323, 37777, 161, 199, 2000, 1900,
  // More databases and data stores.
  5984, 9042, 7474, 8086, 9300, 3050, 26257, 28017, 7000, 8529, 50000, 1099, 4369, 61616, 8161,
  // Infrastructure and developer tools.
  8200, 8500, 8300, 4646, 9093, 9418, 3690, 8983, 8089, 9997, 5044, 6514, 10050, 10051, 5666, 3260, 2380,
  10255, 8001, 6001, 5902, 3283, 1194, 1701, 4848, 7070, 7443, 9999, 8444, 10443, 4000, 4200, 3001, 8010,
  8085, 2082, 2083, 2086, 2087, 2095, 2096, 8006, 902, 16992, 16993, 427,
  // Chat, games, proxies.
  5222, 5269, 6667, 6697, 1935, 8118, 9050, 25565, 27015, 5038,
  // Industrial control systems: rarely on purpose where people can reach them.
  502, 102, 20000, 44818, 2404, 1911, 4911, 9600, 789, 1962,
  // Old and small services that still turn up.
  7, 9, 13, 19, 37, 3299, 50070, 8020, 20048, 563, 989, 6660, 1434, 1026, 1027, 1028, 1029, 1030,
];
