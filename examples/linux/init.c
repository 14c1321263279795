/* The init of hvscope's Linux workload: the first (and only) user process.
 * Prints a banner, mounts devtmpfs and proc, shows what the kernel reports about itself and the
 * harts, and powers the machine off. Built with the kernel's nolibc (see build.sh), statically.
 * Tests and `hvscope bench linux` look for the lines starting with "hvscope-linux:". */

static void print_file(const char *path, const char *prefix)
{
	char buf[4096];
	int fd = open(path, O_RDONLY);
	if (fd < 0) {
		printf("hvscope-linux: cannot open %s (errno %d)\n", path, errno);
		return;
	}
	ssize_t n = read(fd, buf, sizeof(buf) - 1);
	close(fd);
	if (n < 0)
		n = 0;
	buf[n] = '\0';
	/* Print each line of the file that starts with prefix ("" for every line). */
	for (char *line = buf; *line;) {
		char *end = line;
		while (*end && *end != '\n')
			end++;
		char saved = *end;
		*end = '\0';
		if (strncmp(line, prefix, strlen(prefix)) == 0)
			printf("hvscope-linux: %s: %s\n", path, line);
		if (!saved)
			break;
		line = end + 1;
	}
}

int main(void)
{
	printf("hvscope-linux: init started (pid %d)\n", getpid());
	if (mount("devtmpfs", "/dev", "devtmpfs", 0, 0) < 0)
		printf("hvscope-linux: mount /dev failed (errno %d)\n", errno);
	if (mount("proc", "/proc", "proc", 0, 0) < 0)
		printf("hvscope-linux: mount /proc failed (errno %d)\n", errno);
	print_file("/proc/version", "");
	print_file("/proc/cpuinfo", "isa");
	print_file("/proc/cpuinfo", "hart");
	print_file("/proc/meminfo", "MemTotal");
	int kvm = open("/dev/kvm", O_RDWR);
	printf("hvscope-linux: /dev/kvm %s\n", kvm >= 0 ? "opened" : "missing");
	printf("hvscope-linux: powering off\n");
	reboot(LINUX_REBOOT_CMD_POWER_OFF);
	printf("hvscope-linux: power-off failed (errno %d)\n", errno);
	return 1;
}
