/*
 * XenDemoCD's Xen launcher: the signed EFI program GRUB's Secure Boot entries chainload, which
 * starts \EFI\xendemo\xen.efi from the FAT filesystem that holds it.
 *
 * Why it exists: Xen's EFI loader opens the filesystem of the device it was started from, even
 * when the image carries its configuration, kernel and initrd. GRUB's chainloader hands the
 * image the whole CD (or the whole USB stick), which has no filesystem UEFI can read, so Xen
 * stopped with "Couldn't obtain the File System Protocol Interface". This program asks the
 * firmware for the filesystems it can read, prefers one on the device it was started from, and
 * loads Xen by a device path into that filesystem: LoadImage then gives Xen that handle. Under
 * Secure Boot, shim has taken over LoadImage and verifies xen.efi's signature (and SBAT, when
 * the image has one) before anything of it runs; a refusal is printed and returned to GRUB.
 *
 * The words GRUB passes (the section of Xen's built-in xen.cfg: xendemo, ip, safe) go to Xen
 * after the image's name, as the UEFI shell would pass them: Xen skips its first word.
 */
#include <efi.h>
#include <efilib.h>

#define XEN_PATH L"\\EFI\\xendemo\\xen.efi"
#define XEN_NAME L"xen.efi"

/* shim refuses an image it loads itself without SBAT; through GRUB it is optional, but kept. */
static const char sbat[] __attribute__((used, section(".sbat"), aligned(1))) =
	"sbat,1,SBAT Version,sbat,1,https://github.com/rhboot/shim/blob/main/SBAT.md\n"
	"xendemo-launcher,1,XenDemoCD,xendemo-launcher," XENDEMO_VERSION
	",/usr/XenDemoCD/build/secureboot/launcher/README.md\n";

static UINTN path_size(EFI_DEVICE_PATH *path)
{
	EFI_DEVICE_PATH *node = path;
	while (!IsDevicePathEnd(node))
		node = NextDevicePathNode(node);
	return (UINT8 *)node - (UINT8 *)path;
}

/* Whether the filesystem's device path lies on the device this program came from. */
static BOOLEAN on_device(EFI_DEVICE_PATH *device, EFI_DEVICE_PATH *filesystem)
{
	UINTN size;
	if (device == NULL || filesystem == NULL)
		return FALSE;
	size = path_size(device);
	return size <= path_size(filesystem) && CompareMem(device, filesystem, size) == 0;
}

static BOOLEAN holds_xen(EFI_HANDLE handle)
{
	EFI_FILE_IO_INTERFACE *fs;
	EFI_FILE_HANDLE root, file;
	if (EFI_ERROR(uefi_call_wrapper(BS->HandleProtocol, 3, handle, &FileSystemProtocol,
					(void **)&fs)))
		return FALSE;
	if (EFI_ERROR(uefi_call_wrapper(fs->OpenVolume, 2, fs, &root)))
		return FALSE;
	if (EFI_ERROR(uefi_call_wrapper(root->Open, 5, root, &file, XEN_PATH, EFI_FILE_MODE_READ,
					0))) {
		uefi_call_wrapper(root->Close, 1, root);
		return FALSE;
	}
	uefi_call_wrapper(file->Close, 1, file);
	uefi_call_wrapper(root->Close, 1, root);
	return TRUE;
}

/* The filesystem holding Xen: on our own device if one is, else the first anywhere. */
static EFI_HANDLE find_xen(EFI_DEVICE_PATH *device)
{
	EFI_HANDLE *handles = NULL, elsewhere = NULL, found = NULL;
	UINTN count = 0, i;
	if (EFI_ERROR(LibLocateHandle(ByProtocol, &FileSystemProtocol, NULL, &count, &handles)))
		return NULL;
	for (i = 0; i < count && found == NULL; i++) {
		if (!holds_xen(handles[i]))
			continue;
		if (on_device(device, DevicePathFromHandle(handles[i])))
			found = handles[i];
		else if (elsewhere == NULL)
			elsewhere = handles[i];
	}
	FreePool(handles);
	if (found == NULL && elsewhere != NULL) {
		Print(L"xen-launcher: no %s on the device GRUB started from; using another disk's\n",
		      XEN_PATH);
		found = elsewhere;
	}
	return found;
}

/* Our load options without a leading image name (the UEFI shell passes one; GRUB does not). */
static CHAR16 *arguments(EFI_LOADED_IMAGE *self)
{
	CHAR16 *text = self->LoadOptions;
	UINTN length = self->LoadOptionsSize / sizeof(CHAR16), word = 0;
	if (text == NULL)
		return L"";
	while (length > 0 && text[length - 1] == L'\0')
		length--;
	while (word < length && text[word] != L' ')
		word++;
	if (word >= 4) {
		CHAR16 suffix[5];
		UINTN i;
		for (i = 0; i < 4; i++)
			suffix[i] = text[word - 4 + i];
		suffix[4] = L'\0';
		if (StriCmp(suffix, L".efi") == 0) {
			while (word < length && text[word] == L' ')
				word++;
			text += word;
			length -= word;
		}
	}
	{
		CHAR16 *copy = AllocateZeroPool((length + 1) * sizeof(CHAR16));
		if (copy == NULL)
			return L"";
		CopyMem(copy, text, length * sizeof(CHAR16));
		return copy;
	}
}

EFI_STATUS efi_main(EFI_HANDLE image, EFI_SYSTEM_TABLE *system)
{
	EFI_LOADED_IMAGE *self, *xen_image;
	EFI_DEVICE_PATH *device = NULL, *path;
	EFI_HANDLE filesystem, xen;
	EFI_STATUS status;
	CHAR16 *options, *text;

	InitializeLib(image, system);
	status = uefi_call_wrapper(BS->HandleProtocol, 3, image, &LoadedImageProtocol,
				   (void **)&self);
	if (EFI_ERROR(status)) {
		Print(L"xen-launcher: no loaded image protocol: %r\n", status);
		return status;
	}
	if (self->DeviceHandle != NULL)
		device = DevicePathFromHandle(self->DeviceHandle);

	filesystem = find_xen(device);
	if (filesystem == NULL) {
		Print(L"xen-launcher: no filesystem UEFI can read holds %s\n", XEN_PATH);
		return EFI_NOT_FOUND;
	}
	path = FileDevicePath(filesystem, XEN_PATH);
	if (path == NULL)
		return EFI_OUT_OF_RESOURCES;
	text = DevicePathToStr(path);
	Print(L"xen-launcher: starting %s\n", text != NULL ? text : XEN_PATH);

	status = uefi_call_wrapper(BS->LoadImage, 6, FALSE, image, path, NULL, 0, &xen);
	if (status == EFI_SECURITY_VIOLATION || status == EFI_ACCESS_DENIED) {
		Print(L"xen-launcher: %s refused: %r\n", XEN_PATH, status);
		return status;
	}
	if (EFI_ERROR(status)) {
		Print(L"xen-launcher: %s could not be loaded: %r\n", XEN_PATH, status);
		return status;
	}
	status = uefi_call_wrapper(BS->HandleProtocol, 3, xen, &LoadedImageProtocol,
				   (void **)&xen_image);
	if (EFI_ERROR(status)) {
		Print(L"xen-launcher: Xen's image has no loaded image protocol: %r\n", status);
		return status;
	}
	options = PoolPrint(L"%s %s", XEN_NAME, arguments(self));
	if (options == NULL)
		return EFI_OUT_OF_RESOURCES;
	xen_image->LoadOptions = options;
	xen_image->LoadOptionsSize = (StrLen(options) + 1) * sizeof(CHAR16);

	status = uefi_call_wrapper(BS->StartImage, 3, xen, NULL, NULL);
	Print(L"xen-launcher: Xen returned: %r\n", status);
	return status;
}
