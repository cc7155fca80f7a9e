/*
 * The init of the kernel boot test's minimal initrd: says it was reached and what it runs on,
 * then powers off. Compiled static by the test (gcc -static), so the initrd needs nothing else.
 */
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/reboot.h>
#include <sys/stat.h>
#include <unistd.h>

static void read_line(const char *path, char *buffer, size_t size)
{
    FILE *file = fopen(path, "r");
    if (file == NULL)
        return;
    if (fgets(buffer, (int)size, file) != NULL)
        buffer[strcspn(buffer, "\n")] = '\0';
    fclose(file);
}

int main(void)
{
    char hypervisor[64] = "none";
    char capabilities[64] = "none";

    mkdir("/proc", 0755);
    mount("proc", "/proc", "proc", 0, NULL);
    mkdir("/sys", 0755);
    mount("sysfs", "/sys", "sysfs", 0, NULL);
    read_line("/sys/hypervisor/type", hypervisor, sizeof hypervisor);
    /* xenfs exists only on Xen; its capabilities say "control_d" in dom0. */
    if (mount("xenfs", "/proc/xen", "xenfs", 0, NULL) == 0)
        read_line("/proc/xen/capabilities", capabilities, sizeof capabilities);

    printf("XENDEMOCD-TEST-INITRD-REACHED hypervisor=%s capabilities=%s\n", hypervisor,
           capabilities);
    fflush(stdout);
    sync();
    reboot(RB_POWER_OFF);
    for (;;)
        pause();
}
